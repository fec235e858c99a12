/** Every completed cycle's stages by completion date, with the movement since the cycle before. */
export class GetAuditHistory {
  constructor(readonly organisationId: string) {}
}
