import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { parseBody } from '#libs/platform';
import { joinOrganisationRequest } from './join-organisation.request.js';

export interface JoinOrganisationInput {
  workerId: string;
  organisationId: string;
  from?: string;
}

export function parseJoinOrganisation(workerId: string, input: unknown): JoinOrganisationInput {
  return { workerId, ...parseBody(joinOrganisationRequest, input) };
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
