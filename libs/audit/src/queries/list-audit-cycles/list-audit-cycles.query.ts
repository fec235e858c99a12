/** An organisation's audit cycles with their dates and state, oldest first. */
export class ListAuditCycles {
  constructor(readonly organisationId: string) {}
}
