import type { AppendRequest, EventMetadata } from '#libs/event-store';
import { NotFoundError } from '../domain/errors.js';
import { workerStream, type WorkerEvent } from './worker.events.js';
import type { CommandContext, WorkforceStreams } from '../shared/workforce-streams.service.js';
import { evolveWorker, initialWorker, type RegisteredWorker, type WorkerState } from './worker.js';

/** Every command but registration needs a registered worker. */
export function registered(state: WorkerState, workerId: string): RegisteredWorker {
  if (state.status === 'merged')
    throw new NotFoundError('workerId', `worker "${workerId}" was merged into worker "${state.intoWorkerId}"`);
  if (state.status !== 'registered') throw new NotFoundError('workerId', `no worker "${workerId}" is registered`);
  return state;
}

/** Load → decide → append on the worker's own stream (the commands that touch no other stream). */
export function decideOnWorker(
  streams: WorkforceStreams,
  workerId: string,
  decide: (state: WorkerState) => WorkerEvent[],
  context: CommandContext,
): Promise<WorkerEvent[]> {
  return streams.decideOn(
    { streamId: workerStream(workerId), initial: initialWorker, evolve: evolveWorker, decide },
    context,
  );
}

/**
 * The worker's own append of a command over several streams (claims first, see identifier-claims.ts),
 * at the revision it was decided on.
 */
export function workerAppend(
  workerId: string,
  revision: bigint | undefined,
  events: WorkerEvent[],
  metadata: Partial<EventMetadata>,
): AppendRequest {
  return {
    streamId: workerStream(workerId),
    expectedRevision: revision ?? 'no_stream',
    events: events.map((e) => ({ type: e.type, version: 1, data: e.data, metadata })),
  };
}
