import { Query } from '@nestjs/cqrs';
import type { Page } from '../../read-model/organisations.js';
import type { WorkersFromStatementsPage } from '../../read-model/workers-from-statements.js';

/** The organisation's workers registered from its statements and not yet reviewed, a page at a time. */
export class ListWorkersFromStatements extends Query<WorkersFromStatementsPage> {
  constructor(
    readonly organisationId: string,
    readonly page: Page,
  ) {
    super();
  }
}
