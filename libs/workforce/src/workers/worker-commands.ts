import { NotFoundError } from '../domain/errors.js';
import type { RegisteredWorker, WorkerState } from './worker.js';

/** Every command but registration needs a registered worker. */
export function registered(state: WorkerState, workerId: string): RegisteredWorker {
  if (state.status === 'merged')
    throw new NotFoundError('workerId', `worker "${workerId}" was merged into worker "${state.intoWorkerId}"`);
  if (state.status !== 'registered') throw new NotFoundError('workerId', `no worker "${workerId}" is registered`);
  return state;
}
