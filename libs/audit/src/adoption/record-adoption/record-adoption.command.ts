import { parseBody } from '#libs/platform';
import type { AdoptionStatus } from '../adoption.events.js';
import { recordAdoptionRequest } from './record-adoption.request.js';

/** The organisation became aware of, started using or stopped using the CLF on a date. */
export class RecordAdoption {
  constructor(
    readonly organisationId: string,
    readonly status: AdoptionStatus,
    readonly effectiveOn: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, input: unknown, actor: string) {
    const { status, date } = parseBody(recordAdoptionRequest, input);
    return new RecordAdoption(organisationId, status, date, actor);
  }
}
