import { ConflictException, Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import { WrongExpectedRevisionError, type AppendRequest, type EventStore, type Position } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { waitForProjection } from '#libs/projections';
import { appendInOrder } from '../domain/append.js';
import type { WorkforceEvent } from '../domain/events.js';
import { WORKFORCE_PROJECTION } from '../read-model/workforce.projection.js';

export interface CommandContext {
  /** Who asked (the viewer's user id); recorded as the events' actor. */
  actor: string;
  /** The organisation the events belong to (tenant). */
  tenantId?: string;
}

export interface Slice<S, E extends WorkforceEvent> {
  streamId: string;
  initial: () => S;
  evolve: (state: S, event: E) => S;
  /** Pure: the events the command means in this state, or a thrown domain error. */
  decide: (state: S) => E[];
}

/**
 * How long a command waits for the read model, so the caller can read what it just wrote: more for a
 * larger write (a staff list of 500 is thousands of events), which a loaded host applies in seconds.
 */
const READ_YOUR_WRITES_MS = 5000;
const READ_YOUR_WRITES_MS_PER_EVENT = 10;
const ATTEMPTS = 3;

/**
 * The event store as this context's command handlers use it: load and fold a stream, append what a
 * pure decider decided at the revision it was decided on, and wait for the `workforce` read model to
 * hold it. A concurrent writer makes the append fail; the command is then decided again on the new
 * state (a few times) rather than overwriting what the other wrote.
 */
@Injectable()
export class WorkforceStreams {
  constructor(
    @Inject(EVENT_STORE) readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async load<S, E extends WorkforceEvent>(
    streamId: string,
    initial: () => S,
    evolve: (state: S, event: E) => S,
  ): Promise<{ state: S; revision: bigint | undefined }> {
    const events = await this.store.readStream(streamId);
    const state = events.reduce((s, e) => evolve(s, { type: e.type, data: e.data } as E), initial());
    return { state, revision: events.length > 0 ? events[events.length - 1]!.revision : undefined };
  }

  /** Load → decide → append on one stream; returns the decided events (none: nothing was appended). */
  async decideOn<S, E extends WorkforceEvent>(slice: Slice<S, E>, context: CommandContext): Promise<E[]> {
    let decided: E[] = [];
    await this.decideAcross(async () => {
      const { state, revision } = await this.load(slice.streamId, slice.initial, slice.evolve);
      decided = slice.decide(state);
      if (decided.length === 0) return [];
      return [
        {
          streamId: slice.streamId,
          expectedRevision: revision ?? 'no_stream',
          events: decided.map((e) => ({ type: e.type, version: 1, data: e.data, metadata: metadataOf(context) })),
        },
      ];
    }, slice.streamId);
    return decided;
  }

  /**
   * A command over several streams (e.g. identifier claims, then the worker's stream): `decide` reads
   * what it needs and returns the appends, each with its expected revision; they are made atomically
   * where the store can, else in order (see appendInOrder). A concurrent writer makes one fail: the
   * command is decided again on what is there now, a few times, then refused with a 409.
   */
  async decideAcross(decide: () => Promise<AppendRequest[]>, what: string): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const requests = await decide();
      if (requests.length === 0) return;
      try {
        const results = await appendInOrder(this.store, requests);
        const written = requests.reduce((n, r) => n + r.events.length, 0);
        await this.waitForReadModel(results[results.length - 1]!.position, written);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= ATTEMPTS)
          throw new ConflictException(`${what} was changed by others at the same time; try again`);
      }
    }
  }

  async waitForReadModel(position: Position, eventsWritten = 1): Promise<void> {
    const timeoutMs = READ_YOUR_WRITES_MS + eventsWritten * READ_YOUR_WRITES_MS_PER_EVENT;
    await waitForProjection(this.pool, WORKFORCE_PROJECTION, position, timeoutMs).catch(() => {});
  }
}

export function metadataOf(context: CommandContext) {
  return { actor: context.actor, tenantId: context.tenantId };
}
