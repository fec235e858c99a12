import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import type { Reach, RegisteredWorker, WorkerState } from '../worker.js';
import { currentMembership, knownOnlyWithin } from '../worker.js';
import { registered } from '../worker-commands.js';
import type { JoinOrganisationInput } from './join-organisation.command.js';

/** Who asks: their reach (see `knownOnlyWithin`) and their user id, for an invitation. */
export interface Asker {
  reach: Reach;
  userId: string;
}

/**
 * A worker known only to the asker's organisations (or new) joins at once. A worker another
 * organisation knows is the worker's own to move: they are invited, and join when they accept
 * (`decideAcceptInvitation`).
 */
export function decideJoinOrganisation(
  command: JoinOrganisationInput,
  state: WorkerState,
  organisationExists: boolean,
  today: string,
  asker: Asker,
): WorkerEvent[] {
  const worker = registered(state, command.workerId, asker.reach);
  if (!organisationExists)
    throw new NotFoundError('organisationId', `no organisation "${command.organisationId}" is registered`);
  if (currentMembership(worker, command.organisationId))
    throw new ConflictError('organisationId', 'the worker is already a member of this organisation');
  const { workerId, organisationId } = command;
  const from = command.from ?? today;
  const lastEnded = lastMembershipEnd(worker, organisationId);
  if (lastEnded !== undefined && from < lastEnded)
    throw new InvalidInputError('from', `must not be before the worker's last membership here ended (${lastEnded})`);
  if (knownOnlyWithin(worker, asker.reach))
    return [{ type: EV.workerJoinedOrganisation, data: { workerId, organisationId, from } }];
  return [{ type: EV.workerInvited, data: { workerId, organisationId, from, invitedBy: asker.userId } }];
}

/**
 * The latest end of the worker's past memberships of the organisation: a rejoin starts on or after it, or
 * the worker would be a member twice over the same days (two places at once in the staff list and trends).
 */
function lastMembershipEnd(worker: RegisteredWorker, organisationId: string): string | undefined {
  return worker.memberships
    .filter((m) => m.organisationId === organisationId && m.to !== undefined)
    .map((m) => m.to!)
    .sort()
    .at(-1);
}

/** The worker (or a platform admin) accepts a pending invitation: they join from its date. */
export function decideAcceptInvitation(workerId: string, organisationId: string, state: WorkerState): WorkerEvent[] {
  const worker = registered(state, workerId);
  const invitation = worker.invitations.find((i) => i.organisationId === organisationId);
  if (!invitation)
    throw new NotFoundError('organisationId', `no invitation from organisation "${organisationId}" is pending`);
  return [{ type: EV.workerJoinedOrganisation, data: { workerId, organisationId, from: invitation.from } }];
}

/** The worker (or a platform admin) declines a pending invitation: it ends, and they do not join. */
export function decideDeclineInvitation(
  workerId: string,
  organisationId: string,
  state: WorkerState,
  declinedBy: string,
): WorkerEvent[] {
  const worker = registered(state, workerId);
  if (!worker.invitations.some((i) => i.organisationId === organisationId)) {
    throw new NotFoundError('organisationId', `no invitation from organisation "${organisationId}" is pending`);
  }
  return [{ type: EV.invitationDeclined, data: { workerId, organisationId, declinedBy } }];
}
