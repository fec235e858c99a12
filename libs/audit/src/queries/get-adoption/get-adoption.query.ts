/** An organisation's CLF adoption history by effective date, and its status as of a date. */
export class GetAdoption {
  constructor(
    readonly organisationId: string,
    readonly asOf: string,
  ) {}
}
