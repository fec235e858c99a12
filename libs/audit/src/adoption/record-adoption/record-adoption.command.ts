import { body, date, oneOf } from '../../shared/input.js';
import { ADOPTION_STATUSES, type AdoptionStatus } from '../adoption.events.js';

/** The organisation became aware of, started using or stopped using the CLF on a date. */
export class RecordAdoption {
  constructor(
    readonly organisationId: string,
    readonly status: AdoptionStatus,
    readonly effectiveOn: string,
    readonly actor: string,
  ) {}

  static parse(organisationId: string, input: unknown, actor: string) {
    const b = body(input);
    return new RecordAdoption(organisationId, oneOf(b, 'status', ADOPTION_STATUSES), date(b, 'date'), actor);
  }
}
