import type { AppendRequest, EventMetadata } from '#libs/event-store';
import { NotFoundError } from '../domain/errors.js';
import { workerStream, type WorkerEvent } from './worker.events.js';
import type { CommandContext, WorkforceStreams } from '../shared/workforce-streams.service.js';
import { evolveWorker, initialWorker, type Reach, type RegisteredWorker, type WorkerState } from './worker.js';

/** Every command but registration needs a registered worker. */
export function registered(state: WorkerState, workerId: string, reach: Reach = 'any'): RegisteredWorker {
  // Whom a merged worker became is told only to a platform admin: to anyone else a merged id is as
  // unknown as one nobody holds (the merge may have been another organisation's, of a worker it alone knew).
  if (state.status === 'merged' && reach === 'any')
    throw new NotFoundError('workerId', `worker "${workerId}" was merged into worker "${state.intoWorkerId}"`);
  if (state.status !== 'registered') throw new NotFoundError('workerId', `no worker "${workerId}" is registered`);
  return state;
}

/**
 * The worker as a command on behalf of one organisation sees them. To anyone but a platform admin
 * (`reach` 'any'), a worker that organisation never had as a member is as unknown as an id nobody holds:
 * the same 404 in the same words, so another organisation's worker ids tell nothing of who exists, who
 * left it or who was merged.
 */
export function registeredFor(
  state: WorkerState,
  workerId: string,
  organisationId: string | undefined,
  reach: Reach,
): RegisteredWorker {
  const known = state.status === 'registered' && state.memberships.some((m) => m.organisationId === organisationId);
  if (reach !== 'any' && !known) throw new NotFoundError('workerId', `no worker "${workerId}" is registered`);
  return registered(state, workerId);
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
