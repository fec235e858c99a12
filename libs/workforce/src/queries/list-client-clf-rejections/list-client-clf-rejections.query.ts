import { Query } from '@nestjs/cqrs';
import type { RejectionsList, RejectionsPage } from '../../clf-conformance/clf-rejections.read-model.js';

/** An LRS client's own most recent CLF statements that count for nothing, newest first. */
export class ListClientClfRejections extends Query<RejectionsList> {
  constructor(
    readonly organisationId: string,
    /** The client's key. */
    readonly client: string,
    readonly page: RejectionsPage,
  ) {
    super();
  }
}
