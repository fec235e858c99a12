import { Query } from '@nestjs/cqrs';
import type { RejectionsList, RejectionsPage } from '../../clf-conformance/clf-rejections.read-model.js';

/** Every LRS client's (or one `client`'s) most recent CLF statements of an organisation that count for nothing (404 for an organisation not registered). */
export class ListOrganisationClfRejections extends Query<RejectionsList> {
  constructor(
    readonly organisationId: string,
    readonly client: string | undefined,
    readonly page: RejectionsPage,
  ) {
    super();
  }
}
