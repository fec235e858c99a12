import type { ClientPage } from '../lrs-client-page.js';

/** One organisation's LRS clients, revoked ones included, oldest first, a page at a time. */
export class ListOrganisationLrsClients {
  constructor(
    readonly organisationId: string,
    readonly page: ClientPage,
  ) {}
}
