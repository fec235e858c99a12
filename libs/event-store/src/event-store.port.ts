import type pg from 'pg';
import type { NewEvent, Position, RecordedEvent } from './event.js';

/** `any`: no check; `no_stream`: the stream must not exist; `stream_exists`; or the exact current revision. */
export type ExpectedRevision = 'any' | 'no_stream' | 'stream_exists' | bigint;

export interface AppendRequest {
  streamId: string;
  events: NewEvent[];
  expectedRevision?: ExpectedRevision;
}

export interface AppendResult {
  streamId: string;
  /** Revision of the last event written to the stream. */
  nextExpectedRevision: bigint;
  /** Position of the last event written. */
  position: Position;
}

export interface ReadStreamOptions {
  direction?: 'forwards' | 'backwards';
  /** Revision to start at (inclusive); default the first (forwards) or last (backwards). */
  fromRevision?: bigint;
  maxCount?: number;
}

/** How `readStreams` reads each stream: every stream in the same direction, at most `maxCount` events of each. */
export type ReadStreamsOptions = Pick<ReadStreamOptions, 'direction' | 'maxCount'>;

export interface LogFilter {
  /** Deliver only events of these types. */
  eventTypes?: readonly string[];
  /** Deliver only events whose stream id starts with one of these. */
  streamPrefixes?: readonly string[];
}

export interface ReadAllOptions {
  /** Exclusive: events strictly after this position. Default: from the start. */
  after?: Position;
  maxCount?: number;
  filter?: LogFilter;
}

export interface ReadAllResult {
  events: RecordedEvent[];
  /**
   * The position up to which the log was examined: with a filter this may pass events that were
   * filtered out, so a reader can checkpoint here and not re-scan them.
   */
  lastPosition: Position;
}

export interface SubscribeOptions {
  /** Exclusive checkpoint to resume after; default the start of the log. */
  after?: Position;
  filter?: LogFilter;
}

/**
 * A catch-up subscription to the whole log: it delivers every (matching) event after the checkpoint in
 * log order, then goes on delivering new ones live, until `close()` or the signal aborts.
 */
export interface Subscription extends AsyncIterable<RecordedEvent> {
  close(): Promise<void>;
}

/**
 * An optional capability of an adapter: its log is a table in the PostgreSQL database the read models
 * live in, so a read model may find events in SQL, by position or by stream and revision, and read their
 * data and recorded time there instead of keeping copies. Only the PostgreSQL adapter has it; a read
 * model that uses it must also work without it (EventStoreDB). Such reads see events as stored: when an
 * event type gains a version 2, its upcasting must be applied on that path too.
 */
export interface SqlQueryableLog {
  /** The table of events, as SQL in that database names it. */
  readonly table: string;
  /** Its columns: the global position (bigint, gapless, recorded times never decreasing along it), the stream and revision, the data (json) and the recorded time (timestamptz). */
  readonly columns: {
    readonly position: string;
    readonly streamId: string;
    readonly streamRevision: string;
    readonly data: string;
    readonly recordedAt: string;
  };
}

export interface EventStore {
  readonly kind: 'postgres' | 'esdb';
  /** Present when positions and the stream index are queryable in the read models' database (see SqlQueryableLog). */
  readonly sqlLog?: SqlQueryableLog;
  /** Appends atomically to one stream. */
  append(request: AppendRequest): Promise<AppendResult>;
  /**
   * Appends atomically to several streams: all requests are written or none (each with its own
   * expected revision). Adapters that cannot do this atomically throw `InvalidEventError`.
   */
  appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]>;
  /**
   * Appends to one stream inside the caller's open transaction on the read models' database (a client
   * between `begin` and `commit`), for a command that also writes rows of its own there: where the log
   * is in that database (PostgreSQL) the events commit or roll back with those rows, so a process
   * killed between the two leaves neither. Make it the transaction's last write: the log's append lock
   * is held until the commit. Where the log is elsewhere (EventStoreDB) it is `append`, committed at
   * once on its own, and a stop before the caller's commit leaves the events without the rows.
   */
  appendWithin(transaction: pg.ClientBase, request: AppendRequest): Promise<AppendResult>;
  readStream(streamId: string, options?: ReadStreamOptions): Promise<RecordedEvent[]>;
  /**
   * Reads several streams, each as `readStream` would with the same options: a map holding every id
   * asked for (a stream that does not exist holds no events). Not one snapshot across the streams on
   * every adapter. It spares a reader of many small streams a round trip per stream.
   */
  readStreams(streamIds: readonly string[], options?: ReadStreamsOptions): Promise<Map<string, RecordedEvent[]>>;
  readAll(options?: ReadAllOptions): Promise<ReadAllResult>;
  /** The position of the last event in the log, or START when it is empty. */
  headPosition(): Promise<Position>;
  subscribeToAll(options?: SubscribeOptions): Subscription;
  close(): Promise<void>;
}
