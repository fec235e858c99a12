import {
  WrongExpectedRevisionError,
  type AppendRequest,
  type EventStore,
  type NewEvent,
  type RecordedEvent,
} from '#libs/event-store';
import type { Projection } from '#libs/projections';
import { STATEMENT_STORED } from '#libs/xapi';
import { appendInOrder } from '../domain/append.js';
import {
  evidenceStream,
  identifierStream,
  workerStream,
  type EvidenceRecorded,
  type WorkerEvent,
} from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { claimRequest, readClaim, readClaims, type IdentifierClaim } from '../workers/identifier-claims.js';
import { evolveWorker, initialWorker } from '../workers/worker.js';
import {
  decideEvidenceStream,
  evidenceRecorded,
  reactionTo,
  registrationOf,
  sentFromOutside,
  type StatementReaction,
} from './statement-reaction.js';

export const WORKFORCE_EVIDENCE_REACTOR = 'workforce-evidence-reactor';

/** How many times one stream's events are decided again after a concurrent append before the batch fails (and is retried). */
const ATTEMPTS = 5;

type RecordReaction = Extract<StatementReaction, { type: 'record' }>;
type WithdrawReaction = Extract<StatementReaction, { type: 'withdraw' }>;

/**
 * The one path from xAPI statements to workforce evidence. Every `xapi.StatementStored` (an LMS's, or
 * the statement /api stored for a manager) is recognised with the catalogue (`reactionTo`); a CLF
 * statement becomes domain events appended to the log: `workforce.EvidenceRecorded` /
 * `EvidenceWithdrawn` in a stream per statement. For any actor nobody holds, CLF or plain, it appends
 * `IdentifierClaimed` + `WorkerRegistered` + `WorkerJoinedOrganisation`. A plain learning record gets
 * no event of its own: the statement already is the fact, and the workforce projection lists it.
 *
 * Idempotent: a batch may be applied again after a failure, or overlap another process's work; every
 * append has an expected revision and a conflict is decided again from what the stream holds, so
 * nothing is appended twice. It is a reactor: never rebuilt (replaying would react again).
 */
export const workforceEvidenceReactor: Projection = {
  name: WORKFORCE_EVIDENCE_REACTOR,
  description:
    'Reactor: CLF statements → workforce.EvidenceRecorded/EvidenceWithdrawn, and unknown actors → WorkerRegistered',
  reactor: true,
  filter: { eventTypes: [STATEMENT_STORED] },
  async createTables() {
    // It keeps nothing but its checkpoint: what it has done is in the log.
  },
  async apply(events, { store }) {
    await reactToStatements(store, events);
  },
};

export async function reactToStatements(store: EventStore, events: readonly RecordedEvent[]): Promise<void> {
  const reactions = events.map(reactionTo);
  const records = reactions.filter((r): r is RecordReaction => r.type === 'record');
  const owners = await ownersOf(store, records);
  const memberships = await membershipsOf(
    store,
    records.filter((r) => !r.plain).map((r) => owners.get(r.actor.ifi)!),
  );

  // What each evidence stream should hold after this batch, in log order.
  const wanted = new Map<
    string,
    {
      recorded?: NewEvent<EvidenceRecorded>;
      withdrawal?: { data: WithdrawReaction['withdrawal']; metadata: WithdrawReaction['metadata'] };
    }
  >();
  for (const reaction of reactions) {
    if (reaction.type === 'record' && !reaction.plain) {
      const streamId = evidenceStream(reaction.organisationId, reaction.evidence.statementId);
      const workerId = owners.get(reaction.actor.ifi)!;
      const pending = sentFromOutside(memberships.get(workerId) ?? [], reaction.evidence);
      wanted.set(streamId, { ...wanted.get(streamId), recorded: evidenceRecorded(reaction, workerId, pending) });
    } else if (reaction.type === 'withdraw') {
      const streamId = evidenceStream(reaction.organisationId, reaction.withdrawal.statementId);
      const want = wanted.get(streamId) ?? {};
      if (!want.withdrawal)
        wanted.set(streamId, { ...want, withdrawal: { data: reaction.withdrawal, metadata: reaction.metadata } });
    }
  }

  // First try: new streams need no read; withdrawals of earlier evidence read their stream.
  const requests: AppendRequest[] = [];
  const existingOf = new Map<string, RecordedEvent[]>();
  const toRead = [...wanted].filter(([, want]) => !want.recorded).map(([streamId]) => streamId);
  for (const [streamId, events] of await store.readStreams(toRead)) existingOf.set(streamId, events);
  for (const [streamId, want] of wanted) {
    const existing = existingOf.get(streamId) ?? [];
    const decided = decideEvidenceStream(existing, want);
    if (decided.length > 0)
      requests.push({
        streamId,
        expectedRevision: existing.length > 0 ? existing[existing.length - 1]!.revision : 'no_stream',
        events: decided,
      });
  }
  if (requests.length === 0) return;
  if (store.kind === 'postgres' && requests.length > 1) {
    try {
      await store.appendMany(requests);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError)) throw error;
      // Some of it was done before (a retried batch, another process): stream by stream below.
    }
  }
  for (const request of requests) await appendDecided(store, request.streamId, wanted.get(request.streamId)!, request);
}

/** Appends one evidence stream's events, deciding again from the stream after a conflict. */
async function appendDecided(
  store: EventStore,
  streamId: string,
  want: Parameters<typeof decideEvidenceStream>[1],
  first: AppendRequest,
): Promise<void> {
  let request: AppendRequest | undefined = first;
  for (let attempt = 1; request; attempt++) {
    try {
      await store.append(request);
      return;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
    }
    const existing = await store.readStream(streamId);
    const decided = decideEvidenceStream(existing, want);
    request =
      decided.length > 0
        ? {
            streamId,
            expectedRevision: existing.length > 0 ? existing[existing.length - 1]!.revision : 'no_stream',
            events: decided,
          }
        : undefined;
  }
}

/**
 * The worker each actor identifies, from the identifier's claim stream. An identifier nobody holds is
 * claimed for a new worker (`workerIdFor`) registered in the sending client's organisation; when
 * another process claims it first, its claim decides.
 */
async function ownersOf(store: EventStore, records: readonly RecordReaction[]): Promise<Map<string, string>> {
  const cache = ownerCacheOf(store);
  const now = Date.now();
  const owners = new Map<string, string>();
  const first = new Map<string, RecordReaction>();
  for (const r of records) {
    const { ifi } = r.actor;
    if (owners.has(ifi) || first.has(ifi)) continue;
    const cached = cache.get(ifi);
    if (cached && cached.until > now) owners.set(ifi, cached.owner);
    else first.set(ifi, r);
  }
  // One read of every claim stream; only identifiers nobody holds (or the reactor's own on EventStoreDB) go on alone.
  const claims = await readClaims(store, [...first.keys()]);
  await eachLimited([...first.values()], CONCURRENCY, async (reaction) => {
    const owner = await ownerOf(store, reaction, claims.get(reaction.actor.ifi));
    owners.set(reaction.actor.ifi, owner);
    remember(cache, reaction.actor.ifi, owner, now);
  });
  return owners;
}

/**
 * Who holds an identifier, as last read from its claim stream. Holders rarely change (only a hand-over
 * to a worker registered through /api, whose projection redirects evidence recorded under the old
 * holder), so a short-lived cache spares reading one claim stream per actor per batch.
 */
type OwnerCache = Map<string, { owner: string; until: number }>;
const OWNER_TTL_MS = 60_000;
const OWNER_CACHE_SIZE = 100_000;
const ownerCaches = new WeakMap<EventStore, OwnerCache>();

function ownerCacheOf(store: EventStore): OwnerCache {
  let cache = ownerCaches.get(store);
  if (!cache) ownerCaches.set(store, (cache = new Map()));
  return cache;
}

function remember(cache: OwnerCache, ifi: string, owner: string, now: number): void {
  if (cache.size >= OWNER_CACHE_SIZE) cache.clear();
  cache.set(ifi, { owner, until: now + OWNER_TTL_MS });
}

/**
 * The memberships of each worker evidence is about, from their stream (after `ownersOf` registered
 * the unknown ones): whether the sender knew the worker decides if the evidence is pending.
 */
async function membershipsOf(
  store: EventStore,
  workerIds: readonly string[],
): Promise<Map<string, { organisationId: string; from: string; to?: string }[]>> {
  const memberships = new Map<string, { organisationId: string; from: string; to?: string }[]>();
  const ids = [...new Set(workerIds)];
  const streams = await store.readStreams(ids.map(workerStream));
  for (const workerId of ids) {
    const state = streams
      .get(workerStream(workerId))!
      .reduce((s, e) => evolveWorker(s, { type: e.type, data: e.data } as WorkerEvent), initialWorker());
    memberships.set(workerId, state.status === 'registered' ? state.memberships : []);
  }
  return memberships;
}

/** Claims for different actors are independent: a few at a time. */
const CONCURRENCY = 8;

async function eachLimited<T>(items: readonly T[], limit: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}

/** `known`: the claim as the batch read it, for the first attempt; later attempts read the stream again. */
async function ownerOf(
  store: EventStore,
  reaction: RecordReaction,
  known: IdentifierClaim | undefined,
): Promise<string> {
  const { ifi } = reaction.actor;
  const workerId = workerIdFor(ifi);
  const metadata = { ...reaction.metadata, occurredAt: reaction.evidence.storedAt };
  for (let attempt = 1; ; attempt++) {
    const claim = attempt === 1 ? known : await readClaim(store, ifi);
    if (claim) {
      if (store.kind !== 'postgres' && claim.owner === workerId)
        await ensureRegistered(store, workerId, reaction, metadata);
      return claim.owner;
    }
    try {
      await appendInOrder(store, registrationOf(workerId, reaction, metadata));
      return workerId;
    } catch (error) {
      if (!(error instanceof WrongExpectedRevisionError) || attempt >= ATTEMPTS) throw error;
      // The worker's stream exists without a claim on this identifier (registered before claims were
      // kept, or a claim appended alone by another process): claim it for that worker, then read again.
      if (error.streamId === workerStream(workerId))
        await store.append(claimRequest(workerId, reaction.actor, metadata)).catch(ignoreConflict);
      else if (error.streamId !== identifierStream(ifi)) throw error;
    }
  }
}

/**
 * Without an atomic multi-stream append (EventStoreDB) a process may stop between the claim and the
 * worker's stream: when the claim is the reactor's own kind (the id derived from the identifier), make
 * sure the worker's stream exists.
 */
async function ensureRegistered(
  store: EventStore,
  workerId: string,
  reaction: RecordReaction,
  metadata: RecordReaction['metadata'],
): Promise<void> {
  const [any] = await store.readStream(workerStream(workerId), { maxCount: 1 });
  if (any) return;
  await store.append(registrationOf(workerId, reaction, metadata)[1]).catch(ignoreConflict);
}

function ignoreConflict(error: unknown): void {
  if (!(error instanceof WrongExpectedRevisionError)) throw error;
}
