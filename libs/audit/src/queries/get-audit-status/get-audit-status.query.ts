/** The organisation's audit status as of a date: that of the latest cycle completed on or before it. */
export class GetAuditStatus {
  constructor(
    readonly organisationId: string,
    readonly asOf: string,
  ) {}
}
