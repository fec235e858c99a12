import { ConflictError } from '../../domain/errors.js';
import { WORKFORCE_EVENTS as EV, type WorkerEvent, type WorkerIdentifier } from '../../domain/events.js';
import { parseIdentifier } from '../../domain/identifiers.js';
import { body } from '../../domain/input.js';
import type { WorkerState } from '../worker.js';
import { registered } from '../worker-commands.js';

export interface AddIdentifier {
  workerId: string;
  identifier: WorkerIdentifier;
}

export function parseAddIdentifier(workerId: string, input: unknown): AddIdentifier {
  return { workerId, identifier: parseIdentifier(body(input).identifier, 'identifier') };
}

/**
 * `registeredOwner` is a worker registered through /api that holds the identifier already: that is a
 * conflict. A worker known only from statements may hand its identifier over; its evidence follows it.
 */
export function decideAddIdentifier(command: AddIdentifier, state: WorkerState, registeredOwner: string | undefined): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (worker.identifiers.some((i) => i.ifi === command.identifier.ifi)) throw new ConflictError('identifier', 'already identifies this worker');
  if (registeredOwner && registeredOwner !== command.workerId) throw new ConflictError('identifier', `already identifies worker "${registeredOwner}"`);
  return [{ type: EV.workerIdentifierAdded, data: { workerId: command.workerId, identifier: command.identifier } }];
}
