import type { AppendRequest, EventMetadata, EventStore, RecordedEvent } from '#libs/event-store';
import {
  WORKFORCE_EVENTS as EV,
  identifierStream,
  workerStream,
  type IdentifierClaimed,
  type IdentifierHandedOver,
  type WorkerEvent,
  type WorkerIdentifier,
} from '../domain/events.js';
import { evolveWorker, initialWorker, knownOnlyWithin, type Reach, type WorkerState } from './worker.js';

/**
 * Who holds an xAPI identifier is decided by the event store, not by a read model: each identifier has
 * a stream (`workforce-identifier-<hash>`) whose first event, appended with `no_stream`, claims it. Two
 * processes claiming one identifier at once cannot both succeed; the loser reads the stream to learn
 * the holder. /api registrations, added identifiers and the evidence reactor's workers all claim here.
 */
export interface IdentifierClaim {
  ifi: string;
  /** The worker holding the identifier now. */
  owner: string;
  /** The claim stream's revision, to hand the identifier over with. */
  revision: bigint;
}

export async function readClaim(store: EventStore, ifi: string): Promise<IdentifierClaim | undefined> {
  const [last] = await store.readStream(identifierStream(ifi), LAST_EVENT);
  return claimFrom(ifi, last);
}

/** The claims on several identifiers in one read of their streams (ifi → claim; none for an unclaimed one). */
export async function readClaims(store: EventStore, ifis: readonly string[]): Promise<Map<string, IdentifierClaim>> {
  const streams = await store.readStreams(ifis.map(identifierStream), LAST_EVENT);
  const claims = new Map<string, IdentifierClaim>();
  for (const ifi of ifis) {
    const claim = claimFrom(ifi, streams.get(identifierStream(ifi))![0]);
    if (claim) claims.set(ifi, claim);
  }
  return claims;
}

/** The last event of a claim stream says who holds the identifier now. */
const LAST_EVENT = { direction: 'backwards', maxCount: 1 } as const;

function claimFrom(ifi: string, last: RecordedEvent | undefined): IdentifierClaim | undefined {
  if (!last) return undefined;
  const owner =
    last.type === EV.identifierHandedOver
      ? (last.data as IdentifierHandedOver).toWorkerId
      : (last.data as IdentifierClaimed).workerId;
  return { ifi, owner, revision: last.revision };
}

export function claimRequest(
  workerId: string,
  identifier: WorkerIdentifier,
  metadata: Partial<EventMetadata>,
): AppendRequest {
  return {
    streamId: identifierStream(identifier.ifi),
    expectedRevision: 'no_stream',
    events: [
      {
        type: EV.identifierClaimed,
        version: 1,
        data: { ifi: identifier.ifi, workerId, agent: identifier.agent } satisfies IdentifierClaimed,
        metadata,
      },
    ],
  };
}

/**
 * Pure: may the worker holding `identifier` hand it over to `toWorkerId`? Only a worker known from
 * statements alone (registered by the reactor, never through /api) whose one identifier it is: it was
 * the same person seen before registration, and it merges into the registered worker. Any other holder
 * keeps the identifier (undefined: the command is refused naming the identifier), and so does a holder
 * an organisation beyond the asker's `reach` knows: merging would hand that organisation's records over.
 */
export function decideHandOver(
  holder: WorkerState,
  identifier: WorkerIdentifier,
  toWorkerId: string,
  reach: Reach,
): WorkerEvent[] | undefined {
  if (holder.status !== 'registered' || holder.via !== 'statement' || !knownOnlyWithin(holder, reach)) return undefined;
  if (holder.identifiers.length !== 1 || holder.identifiers[0]!.ifi !== identifier.ifi) return undefined;
  return [{ type: EV.workerMerged, data: { workerId: holder.workerId, intoWorkerId: toWorkerId, identifier } }];
}

export interface ClaimPlan {
  /** Identifiers another worker holds and keeps (ifi → worker id): the command is refused naming them. */
  heldByOthers: Map<string, string>;
  /**
   * Appends to make before the worker's own stream, in this order: new claims (`no_stream`), hand-overs
   * (at the claim's revision) and the merges they mean (at the merged worker's revision).
   */
  requests: AppendRequest[];
}

/** Reads the claims on `identifiers` and plans what holding them takes for `workerId`. */
export async function planClaims(
  store: EventStore,
  workerId: string,
  identifiers: readonly WorkerIdentifier[],
  metadata: Partial<EventMetadata>,
  reach: Reach,
): Promise<ClaimPlan> {
  const heldByOthers = new Map<string, string>();
  const claims: AppendRequest[] = [];
  const merges: AppendRequest[] = [];
  for (const identifier of identifiers) {
    const claim = await readClaim(store, identifier.ifi);
    if (!claim) {
      claims.push(claimRequest(workerId, identifier, metadata));
      continue;
    }
    if (claim.owner === workerId) continue;
    const holderEvents = await store.readStream(workerStream(claim.owner));
    const holder = holderEvents.reduce(
      (s, e) => evolveWorker(s, { type: e.type, data: e.data } as WorkerEvent),
      initialWorker(),
    );
    const merge = decideHandOver(holder, identifier, workerId, reach);
    if (!merge) {
      heldByOthers.set(identifier.ifi, claim.owner);
      continue;
    }
    const handOver: IdentifierHandedOver = { ifi: identifier.ifi, fromWorkerId: claim.owner, toWorkerId: workerId };
    claims.push({
      streamId: identifierStream(identifier.ifi),
      expectedRevision: claim.revision,
      events: [{ type: EV.identifierHandedOver, version: 1, data: handOver, metadata }],
    });
    merges.push({
      streamId: workerStream(claim.owner),
      expectedRevision: holderEvents[holderEvents.length - 1]!.revision,
      events: merge.map((e) => ({ type: e.type, version: 1, data: e.data, metadata })),
    });
  }
  return { heldByOthers, requests: [...claims, ...merges] };
}
