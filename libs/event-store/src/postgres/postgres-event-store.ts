import { EventEmitter } from 'node:events';
import type pg from 'pg';
import { WrongExpectedRevisionError, InvalidEventError } from '../errors.js';
import { START, type Position, type RecordedEvent } from '../event.js';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ExpectedRevision,
  LogFilter,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamsOptions,
  SqlQueryableLog,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { ChannelListener, preparedQuery } from '#libs/database';
import { createPollingSubscription } from '../polling-subscription.js';
import { prepareEvent } from '../validation.js';
import { NEW_EVENTS_CHANNEL } from './schema.js';

export interface PostgresEventStoreOptions {
  maxEventBytes?: number;
  /** How often a live subscription looks for new events when no notification arrives. */
  pollIntervalMs?: number;
}

interface EventRow {
  position: string;
  stream_id: string;
  revision: string;
  type: string;
  schema_version: number;
  data: unknown;
  metadata: RecordedEvent['metadata'];
  recorded_at: Date;
}

// The text casts keep bigints exact (the pool parses int8 as a JS number). They are named apart from
// the columns on purpose: ORDER BY resolves a bare name to an output column first, so
// `stream_revision::text` kept as `stream_revision` would sort revisions as text ('10' before '9').
const EVENT_COLUMNS =
  'global_position::text as position, stream_id, stream_revision::text as revision, type, schema_version, data, metadata, recorded_at';

export class PostgresEventStore implements EventStore {
  readonly kind = 'postgres' as const;
  /** The `events` table of eventStoreMigrations, in the database of the pool the read models share. */
  readonly sqlLog: SqlQueryableLog = {
    table: 'events',
    columns: {
      position: 'global_position',
      streamId: 'stream_id',
      streamRevision: 'stream_revision',
      data: 'data',
      recordedAt: 'recorded_at',
    },
  };
  private readonly maxEventBytes: number;
  private readonly pollIntervalMs: number;
  private readonly appended = new EventEmitter();
  /** One LISTEN connection per store wakes every live subscription; polling covers a lost connection. */
  private readonly listener: ChannelListener;

  constructor(
    private readonly pool: pg.Pool,
    options: PostgresEventStoreOptions = {},
  ) {
    this.maxEventBytes = options.maxEventBytes ?? 1_048_576;
    this.pollIntervalMs = options.pollIntervalMs ?? 500;
    this.appended.setMaxListeners(0);
    this.listener = new ChannelListener(pool, NEW_EVENTS_CHANNEL, () => this.appended.emit('appended'));
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const [result] = await this.appendMany([request]);
    return result;
  }

  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const results = await this.appendOn(this.pool, requests);
    this.appended.emit('appended');
    return results;
  }

  /**
   * In the caller's transaction: committed with it (the notification too, which wakes the subscriptions
   * then); until then the append lock is held, so the caller commits next.
   */
  async appendWithin(transaction: pg.ClientBase, request: AppendRequest): Promise<AppendResult> {
    const [result] = await this.appendOn(transaction, [request]);
    return result;
  }

  private async appendOn(db: pg.Pool | pg.ClientBase, requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const now = new Date();
    const prepared = requests.map((r) => {
      if (r.events.length === 0) throw new InvalidEventError(`Append to stream "${r.streamId}" has no events`);
      return { ...r, prepared: r.events.map((e) => prepareEvent(r.streamId, e, this.maxEventBytes, now)) };
    });
    const streamIds = [...new Set(prepared.map((r) => r.streamId))];
    if (streamIds.length !== prepared.length) {
      throw new InvalidEventError('appendMany takes each stream at most once');
    }
    const events = prepared.flatMap((request, index) => request.prepared.map((event) => ({ index: index + 1, event })));
    let head: bigint;
    let currents: (string | null)[];
    try {
      // One statement, so one implicit transaction unless the caller's is open: see migrations
      // event-store/002 and 003.
      const { rows } = await db.query<{ head: string; currents: (string | null)[] }>(
        preparedQuery(
          `select head::text, currents::text[] from continuum_append($1, $2, $3, $4, $5, $6, $7::json, $8::json)`,
          [
            prepared.map((r) => r.streamId),
            prepared.map((r) => expectedText(r.expectedRevision ?? 'any')),
            events.map((e) => e.index),
            events.map((e) => e.event.metadata.eventId),
            events.map((e) => e.event.type),
            events.map((e) => e.event.version),
            `[${events.map((e) => e.event.dataJson).join(',')}]`,
            `[${events.map((e) => e.event.metadataJson).join(',')}]`,
          ],
        ),
      );
      head = BigInt(rows[0]!.head);
      currents = rows[0]!.currents;
    } catch (error) {
      throw translateError(error, prepared);
    }
    let position = head;
    return prepared.map((request, i) => {
      const current = currents[i];
      const revision =
        (current === null || current === undefined ? -1n : BigInt(current)) + BigInt(request.prepared.length);
      position += BigInt(request.prepared.length);
      return {
        streamId: request.streamId,
        nextExpectedRevision: revision,
        position: { commit: position, prepare: position },
      };
    });
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    const params: unknown[] = [streamId];
    let where = 'stream_id = $1';
    if (options.fromRevision !== undefined) {
      params.push(options.fromRevision.toString());
      where += backwards ? ` and stream_revision <= $2` : ` and stream_revision >= $2`;
    }
    params.push(options.maxCount ?? null);
    const { rows } = await this.pool.query<EventRow>(
      `select ${EVENT_COLUMNS} from events where ${where}
       order by stream_revision ${backwards ? 'desc' : 'asc'} limit $${params.length}`,
      params,
    );
    return rows.map(toRecordedEvent);
  }

  /** One query for all the streams: each stream's events through the stream index, at most `maxCount` of each. */
  async readStreams(
    streamIds: readonly string[],
    options: ReadStreamsOptions = {},
  ): Promise<Map<string, RecordedEvent[]>> {
    const ids = [...new Set(streamIds)];
    const read = new Map<string, RecordedEvent[]>(ids.map((id) => [id, []]));
    if (ids.length === 0 || (options.maxCount !== undefined && options.maxCount <= 0)) return read;
    const order = options.direction === 'backwards' ? 'desc' : 'asc';
    const { rows } = await this.pool.query<EventRow>(
      `select e.position, e.stream_id, e.revision, e.type, e.schema_version, e.data, e.metadata, e.recorded_at
       from unnest($1::text[]) with ordinality as s(id, n)
       cross join lateral (
         select ${EVENT_COLUMNS}, stream_revision as sort_revision from events
         where stream_id = s.id order by stream_revision ${order} limit $2
       ) e
       order by s.n, e.sort_revision ${order}`,
      [ids, options.maxCount ?? null],
    );
    for (const row of rows) read.get(row.stream_id)!.push(toRecordedEvent(row));
    return read;
  }

  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const limit = options.maxCount ?? 1000;
    // Nothing read, nothing examined: the reader stays where it was.
    if (limit <= 0) return { events: [], lastPosition: after };
    const params: unknown[] = [after.commit.toString(), limit];
    const conditions = filterConditions(options.filter, params);
    // The head is read in the same snapshot: when fewer rows than the limit come back, the reader has
    // examined the log up to the head, including any events the filter left out.
    // Not prepared: a generic plan could not tell a rare event type (its index) from a common one (log order).
    const { rows } = await this.pool.query<EventRow & { head: string }>(
      `with head as (select coalesce(max(global_position), -1)::text as head from events)
       select ${EVENT_COLUMNS}, head.head from head
       left join lateral (
         select * from events where global_position > $1 ${conditions} order by global_position limit $2
       ) e on true
       order by e.global_position`,
      params,
    );
    const events = rows.filter((r) => r.position !== null).map(toRecordedEvent);
    const head = BigInt(rows[0]?.head ?? '-1');
    const last =
      events.length === limit
        ? events[events.length - 1].position
        : { commit: maxBig(head, after.commit), prepare: maxBig(head, after.commit) };
    return { events, lastPosition: last };
  }

  async headPosition(): Promise<Position> {
    const { rows } = await this.pool.query<{ head: string }>(
      'select coalesce(max(global_position), -1)::text as head from events',
    );
    const head = BigInt(rows[0].head);
    return { commit: head, prepare: head };
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    void this.listener.open();
    return createPollingSubscription({
      after: options.after ?? START,
      read: (after) => this.readAll({ after, maxCount: 2000, filter: options.filter }),
      waitForNews: (signal) => this.waitForAppend(signal),
    });
  }

  async close(): Promise<void> {
    await this.listener.close();
    this.appended.emit('appended');
  }

  private waitForAppend(signal: AbortSignal): Promise<void> {
    // Reopens the LISTEN connection if it could not be reopened when it broke: until then the timer polls.
    void this.listener.open();
    return new Promise((resolve) => {
      if (signal.aborted) return resolve();
      const done = () => {
        clearTimeout(timer);
        this.appended.off('appended', done);
        signal.removeEventListener('abort', done);
        resolve();
      };
      const timer = setTimeout(done, this.pollIntervalMs);
      this.appended.once('appended', done);
      signal.addEventListener('abort', done, { once: true });
    });
  }
}

/** How the append function takes an expected revision: a keyword, or the exact revision as digits. */
function expectedText(expected: ExpectedRevision): string {
  return typeof expected === 'bigint' ? expected.toString() : expected;
}

function filterConditions(filter: LogFilter | undefined, params: unknown[]): string {
  let sql = '';
  if (filter?.eventTypes?.length) {
    params.push(filter.eventTypes);
    sql += ` and type = any($${params.length}::text[])`;
  }
  if (filter?.streamPrefixes?.length) {
    params.push(filter.streamPrefixes.map((p) => `${p.replace(/[\\%_]/g, (c) => `\\${c}`)}%`));
    sql += ` and stream_id like any($${params.length}::text[])`;
  }
  return sql;
}

function toRecordedEvent(row: EventRow): RecordedEvent {
  const position = BigInt(row.position);
  return {
    streamId: row.stream_id,
    revision: BigInt(row.revision),
    position: { commit: position, prepare: position },
    type: row.type,
    version: row.schema_version,
    data: row.data,
    metadata: row.metadata,
    recordedAt: row.recorded_at.toISOString(),
  };
}

function maxBig(a: bigint, b: bigint): bigint {
  return a > b ? a : b;
}

function translateError(error: unknown, requests: readonly AppendRequest[]): unknown {
  const pgError = error as { code?: string; detail?: string };
  if (pgError.code === 'CT001' && pgError.detail) {
    const { index, actual } = JSON.parse(pgError.detail) as { index: number; actual: string | null };
    const request = requests[index - 1]!;
    return new WrongExpectedRevisionError(
      request.streamId,
      request.expectedRevision ?? 'any',
      actual === null ? 'no_stream' : BigInt(actual),
    );
  }
  return error;
}
