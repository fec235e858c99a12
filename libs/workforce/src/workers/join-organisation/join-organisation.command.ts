import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { body, optionalDate, text } from '../../domain/input.js';

export interface JoinOrganisationInput {
  workerId: string;
  organisationId: string;
  from?: string;
}

export function parseJoinOrganisation(workerId: string, input: unknown): JoinOrganisationInput {
  const b = body(input);
  return { workerId, organisationId: text(b, 'organisationId', 63), from: optionalDate(b, 'from') };
}

/**
 * A learning lead adds a worker to their organisation from a date; a worker another organisation knows
 * is invited instead (`invited`), and joins when they accept.
 */
export class JoinOrganisation extends Command<{ invited: boolean }> {
  constructor(
    readonly membership: JoinOrganisationInput,
    readonly actor: string,
    /** The organisations the asker acts for (see `reachOf`). */
    readonly reach: Reach,
    readonly today: string,
  ) {
    super();
  }
}
