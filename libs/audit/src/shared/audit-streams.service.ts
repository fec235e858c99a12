import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import {
  WrongExpectedRevisionError,
  type AppendRequest,
  type AppendResult,
  type EventMetadata,
  type EventStore,
} from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { waitForProjection } from '#libs/projections';
import { AUDIT_PROJECTION } from '../read-model/audit.projection.js';
import { ConflictError } from '#libs/workforce';

/** A domain event of this context before it is stored: its type, schema version and data. */
export interface DomainEvent<T extends string = string, D = unknown> {
  readonly type: T;
  readonly version: number;
  readonly data: D;
}

/** Who asked and for which organisation: the events' actor and tenant. */
export interface CommandContext {
  readonly actor: string | undefined;
  readonly tenantId: string;
}

export interface Folded<S> {
  readonly state: S;
  readonly revision: bigint | undefined;
}

/**
 * Commands on one cycle race often (a lead's form saving several answers at once): each is decided
 * again on the new revision, after a short random pause so the racers spread out. Three attempts let
 * a quarter of twelve parallel answers to different questions fail with a 409.
 */
const ATTEMPTS = 20;
const retryPause = (attempt: number) => new Promise((resolve) => setTimeout(resolve, Math.random() * 10 * attempt));
/** How long a command waits for the read model, so the caller can read what it just wrote. */
const READ_YOUR_WRITES_MS = 5000;

/**
 * The event store as the handlers of this context use it: fold a stream, append what a pure decider
 * decided at the revision it was decided on (retried on a concurrent write, then a 409), and wait for
 * the `audit` read model to hold it.
 */
@Injectable()
export class AuditStreams {
  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async load<S, E extends DomainEvent>(streamId: string, initial: S, evolve: (s: S, e: E) => S): Promise<Folded<S>> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => evolve(s, { type: e.type, version: e.version, data: e.data } as E), initial);
    return { state, revision: events.at(-1)?.revision };
  }

  /** Load → decide → append on one stream; returns the decided events (none: nothing was appended). */
  async decideOn<S, E extends DomainEvent>(
    streamId: string,
    fold: { initial: S; evolve: (s: S, e: E) => S },
    decide: (state: S) => readonly E[],
    context: CommandContext,
    occurredAt?: string,
  ): Promise<readonly E[]> {
    for (let attempt = 1; ; attempt++) {
      const { state, revision } = await this.load(streamId, fold.initial, fold.evolve);
      const events = decide(state);
      if (events.length === 0) return events;
      try {
        const request = appendRequest(streamId, revision ?? 'no_stream', events, metadataOf(context, occurredAt));
        await this.appendAndWait([request]);
        return events;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= ATTEMPTS) throw new ConflictError(streamId, 'was changed by others at the same time; try again');
        await retryPause(attempt);
      }
    }
  }

  /**
   * Decide → append across streams, each request at the revision \`decide\` read; on a concurrent write
   * \`refuse\` may turn the conflict into the caller's refusal, else it is decided again (then a 409).
   */
  async decideAcross(
    decide: () => Promise<readonly AppendRequest[]>,
    refuse: (conflict: WrongExpectedRevisionError) => void = () => {},
  ): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const requests = await decide();
      try {
        await this.appendAndWait(requests);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        refuse(error);
        if (attempt >= ATTEMPTS)
          throw new ConflictError(error.streamId, 'was changed by others at the same time; try again');
        await retryPause(attempt);
      }
    }
  }

  /** Appends several streams at once where the store can (PostgreSQL), else in the order given. */
  async appendAndWait(requests: readonly AppendRequest[]): Promise<void> {
    const results = await this.appendAll(requests);
    const last = results.at(-1);
    if (last) await waitForProjection(this.pool, AUDIT_PROJECTION, last.position, READ_YOUR_WRITES_MS).catch(() => {});
  }

  private async appendAll(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    if (requests.length === 1) return [await this.store.append(requests[0]!)];
    if (this.store.kind === 'postgres') return this.store.appendMany(requests);
    const results: AppendResult[] = [];
    for (const request of requests) results.push(await this.store.append(request));
    return results;
  }
}

export function appendRequest(
  streamId: string,
  expectedRevision: AppendRequest['expectedRevision'],
  events: readonly DomainEvent[],
  metadata: Partial<EventMetadata>,
): AppendRequest {
  return {
    streamId,
    expectedRevision,
    events: events.map((e) => ({ type: e.type, version: e.version, data: e.data, metadata })),
  };
}

/** A domain date (YYYY-MM-DD) as the events' occurred-at, so as-of reads place them on their own day. */
export function metadataOf(context: CommandContext, occurredOn?: string): Partial<EventMetadata> {
  return {
    tenantId: context.tenantId,
    ...(context.actor === undefined ? {} : { actor: context.actor }),
    ...(occurredOn === undefined ? {} : { occurredAt: `${occurredOn}T00:00:00.000Z` }),
  };
}
