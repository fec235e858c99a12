import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import { parseBody } from '#libs/platform';
import { leaveOrganisationRequest } from './leave-organisation.request.js';

export interface LeaveOrganisationInput {
  workerId: string;
  organisationId: string;
  to?: string;
}

export function parseLeaveOrganisation(workerId: string, input: unknown): LeaveOrganisationInput {
  return { workerId, ...parseBody(leaveOrganisationRequest, input) };
}

/** A learning lead ends a worker's membership of their organisation (the roles held there end too). */
export class LeaveOrganisation extends Command<void> {
  constructor(
    readonly membership: LeaveOrganisationInput,
    readonly actor: string,
    readonly today: string,
    /** Whose workers the asker may know of (see `registeredFor`). */
    readonly reach: Reach,
  ) {
    super();
  }
}
