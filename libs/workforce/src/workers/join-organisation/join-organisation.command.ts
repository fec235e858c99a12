import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import type { JoinOrganisationInput } from './join-organisation.decider.js';

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
