import { ConflictError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import type { WorkerState } from '../worker.js';
import { registered } from '../worker-commands.js';
import type { AddIdentifierInput } from './add-identifier.command.js';

/**
 * `owner` is another worker that holds the identifier and keeps it (its claim stream says so): that is
 * a conflict. A worker known only from statements hands its identifier over instead (see
 * identifier-claims.ts); its evidence follows it.
 */
export function decideAddIdentifier(
  command: AddIdentifierInput,
  state: WorkerState,
  owner: string | undefined,
): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (worker.identifiers.some((i) => i.ifi === command.identifier.ifi))
    throw new ConflictError('identifier', 'already identifies this worker');
  if (owner && owner !== command.workerId)
    throw new ConflictError('identifier', `already identifies worker "${owner}" (${command.identifier.ifi})`);
  return [{ type: EV.workerIdentifierAdded, data: { workerId: command.workerId, identifier: command.identifier } }];
}
