import { Query } from '@nestjs/cqrs';
import type { Page } from '../../read-model/organisations.js';
import type { team } from '../../read-model/team.js';

/** An organisation's current workers (`only`: those named in a line manager's grant), each with their role and stage summary. */
export class GetTeam extends Query<Awaited<ReturnType<typeof team>>> {
  constructor(
    readonly organisationId: string,
    /** null: every current worker. */
    readonly only: readonly string[] | null,
    readonly page: Page,
    readonly asOf: Date,
  ) {
    super();
  }
}
