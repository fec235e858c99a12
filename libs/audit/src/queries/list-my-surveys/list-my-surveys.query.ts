/** The open staff surveys a worker may answer: the open cycles of the organisations they belong to now. */
export class ListMySurveys {
  constructor(readonly workerId: string) {}
}
