import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { WORKFORCE_EVENTS as EV, type WorkerEvent } from '../../domain/events.js';
import { body, optionalDate, text } from '../../domain/input.js';
import type { WorkerState } from '../worker.js';
import { currentMembership } from '../worker.js';
import { registered } from '../worker-commands.js';

export interface JoinOrganisation {
  workerId: string;
  organisationId: string;
  from?: string;
}

export function parseJoinOrganisation(workerId: string, input: unknown): JoinOrganisation {
  const b = body(input);
  return { workerId, organisationId: text(b, 'organisationId', 63), from: optionalDate(b, 'from') };
}

export function decideJoinOrganisation(command: JoinOrganisation, state: WorkerState, organisationExists: boolean, today: string): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (!organisationExists) throw new NotFoundError('organisationId', `no organisation "${command.organisationId}" is registered`);
  if (currentMembership(worker, command.organisationId)) throw new ConflictError('organisationId', 'the worker is already a member of this organisation');
  return [{ type: EV.workerJoinedOrganisation, data: { workerId: command.workerId, organisationId: command.organisationId, from: command.from ?? today } }];
}
