import type { AppendRequest, EventMetadata, EventStore } from '#libs/event-store';
import { ConflictError } from '../domain/errors.js';
import { workerStream, type WorkerEvent } from '../domain/events.js';
import { metadataOf, type CommandBus, type CommandContext } from '../http/command-bus.service.js';
import { decideAddIdentifier, type AddIdentifier } from './add-identifier/add-identifier.decider.js';
import { planClaims } from './identifier-claims.js';
import { decideRegisterWorker, type RegisterWorker } from './register-worker/register-worker.decider.js';
import { evolveWorker, initialWorker, knownOnlyWithin, type Reach } from './worker.js';

/**
 * The commands that give a worker identifiers. Both claim each identifier in its own stream before
 * writing the worker's stream (atomically on PostgreSQL, in that order on EventStoreDB), so two workers
 * can never hold one identifier: of two concurrent registrations under one identifier exactly one
 * succeeds, and the other is decided again and refused with a 409 naming the identifier.
 *
 * `reach`: the organisations the asker acts for (`'any'` for a platform admin); a worker, or a holder of
 * an identifier, known to an organisation beyond it is not theirs to register, extend or merge.
 */
export async function registerWorker(
  bus: CommandBus,
  store: EventStore,
  command: RegisterWorker,
  context: CommandContext,
  today: string,
  reach: Reach,
): Promise<void> {
  const metadata = metadataOf(context);
  await bus.runAcross(async () => {
    const { state, revision } = await bus.load(workerStream(command.workerId), initialWorker, evolveWorker);
    const claims = await planClaims(store, command.workerId, command.identifiers, metadata, reach);
    const events = decideRegisterWorker(command, state, claims.heldByOthers, today, reach);
    return [...claims.requests, workerAppend(command.workerId, revision, events, metadata)];
  }, workerStream(command.workerId));
}

export async function addIdentifier(
  bus: CommandBus,
  store: EventStore,
  command: AddIdentifier,
  context: CommandContext,
  reach: Reach,
): Promise<void> {
  const metadata = metadataOf(context);
  await bus.runAcross(async () => {
    const { state, revision } = await bus.load(workerStream(command.workerId), initialWorker, evolveWorker);
    if (!knownOnlyWithin(state, reach))
      throw new ConflictError(
        'workerId',
        'the worker is known to another organisation: only they or a platform admin change their identifiers',
      );
    const claims = await planClaims(store, command.workerId, [command.identifier], metadata, reach);
    const events = decideAddIdentifier(command, state, claims.heldByOthers.get(command.identifier.ifi));
    return [...claims.requests, workerAppend(command.workerId, revision, events, metadata)];
  }, workerStream(command.workerId));
}

function workerAppend(
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
