import { Query } from '@nestjs/cqrs';
import type { Page } from '../../read-model/organisations.js';
import type { WorkerFromStatement } from '../../read-model/workers-from-statements.js';

/** The organisation's workers registered from its statements and not yet reviewed, a page at a time. */
export class ListWorkersFromStatements extends Query<{
  organisationId: string;
  workers: WorkerFromStatement[];
  next: string | null;
}> {
  constructor(
    readonly organisationId: string,
    readonly page: Page,
  ) {
    super();
  }
}
