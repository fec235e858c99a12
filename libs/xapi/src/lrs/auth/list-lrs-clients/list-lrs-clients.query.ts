/** LRS clients, revoked ones included, oldest first, never their secrets; all, or one organisation's. */
export class ListLrsClients {
  constructor(readonly organisationId?: string) {}
}
