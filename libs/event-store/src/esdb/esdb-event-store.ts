import {
  BACKWARDS,
  END,
  EventStoreDBClient,
  FORWARDS,
  START as ESDB_START,
  StreamNotFoundError,
  type AllStreamRecordedEvent,
  type Direction,
  type StreamingRead,
} from '@eventstore/db-client';
import { InvalidEventError } from '../errors.js';
import { comparePositions, START, type Position, type RecordedEvent } from '../event.js';
import type {
  AppendRequest,
  AppendResult,
  EventStore,
  ReadAllOptions,
  ReadAllResult,
  ReadStreamOptions,
  ReadStreamsOptions,
  SubscribeOptions,
  Subscription,
} from '../event-store.port.js';
import { prepareEvent, type PreparedEvent } from '../validation.js';
import { createEsdbSubscription } from './esdb-subscription.js';
import {
  NoAnswerError,
  redactConnectionString,
  translateEsdbError,
  unavailableError,
  type AppendContext,
} from './esdb-errors.js';
import {
  hasFilter,
  isSystemEvent,
  matchesLogFilter,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
} from './esdb-mapping.js';

export interface EsdbEventStoreOptions {
  /** Largest event accepted (data + metadata JSON, bytes). EventStoreDB's own default limit is 1 MiB per append. */
  maxEventBytes?: number;
  /**
   * How long an append, or a read waiting for its next event, may take before the server counts as
   * unavailable. Reads and subscriptions have no gRPC deadline in this client, so without this a
   * silent server would hang them.
   */
  deadlineMs?: number;
}

const DEFAULT_READ_ALL_COUNT = 1000;
/** How many raw $all records one read asks for when this side must filter (system events, filters). */
const SCAN_PAGE_SIZE = 4096;
const HEAD_PAGE_SIZE = 128;
/** How many stream reads `readStreams` has in flight at once. */
const READ_STREAMS_CONCURRENCY = 8;

/** The EventStoreDB adapter of the event store port, through `@eventstore/db-client`. */
export class EsdbEventStore implements EventStore {
  readonly kind = 'esdb' as const;
  private readonly client: EventStoreDBClient;
  private readonly address: string;
  private readonly maxEventBytes: number;
  private readonly deadlineMs: number;
  private readonly subscriptions = new Set<Subscription>();

  /** `connectionString` as in EVENTSTORE_URL, e.g. `esdb://localhost:2113?tls=false`. No connection is made until first use. */
  constructor(connectionString: string, options: EsdbEventStoreOptions = {}) {
    this.address = redactConnectionString(connectionString);
    this.client = createClient(connectionString, this.address);
    this.maxEventBytes = options.maxEventBytes ?? 1_048_576;
    this.deadlineMs = options.deadlineMs ?? 10_000;
  }

  async append(request: AppendRequest): Promise<AppendResult> {
    const events = this.prepare(request);
    const context: AppendContext = { streamId: request.streamId, expected: request.expectedRevision ?? 'any' };
    try {
      const result = await this.withDeadline(
        this.client.appendToStream(request.streamId, events.map(toEsdbEventData), {
          expectedRevision: toEsdbExpectedRevision(context.expected),
          deadline: this.deadlineMs,
        }),
        'the append may or may not have been written',
      );
      return {
        streamId: request.streamId,
        nextExpectedRevision: result.nextExpectedRevision,
        position: result.position ? { commit: result.position.commit, prepare: result.position.prepare } : START,
      };
    } catch (error) {
      throw translateEsdbError(error, this.address, context);
    }
  }

  /** The log is not in the caller's database: appended at once, on its own (see EventStore.appendWithin). */
  async appendWithin(_transaction: unknown, request: AppendRequest): Promise<AppendResult> {
    return this.append(request);
  }

  /** EventStoreDB has no transaction across streams (through this client), so only one stream is accepted. */
  async appendMany(requests: readonly AppendRequest[]): Promise<AppendResult[]> {
    const streamIds = new Set(requests.map((r) => r.streamId));
    if (streamIds.size > 1) {
      throw new InvalidEventError(
        `EventStoreDB cannot append to ${streamIds.size} streams atomically; append to each stream on its own (or use the PostgreSQL event store)`,
      );
    }
    if (streamIds.size !== requests.length) throw new InvalidEventError('appendMany takes each stream at most once');
    return requests.length === 0 ? [] : [await this.append(requests[0])];
  }

  async readStream(streamId: string, options: ReadStreamOptions = {}): Promise<RecordedEvent[]> {
    const backwards = options.direction === 'backwards';
    if (options.maxCount !== undefined && options.maxCount <= 0) return [];
    const read = this.client.readStream(streamId, {
      direction: backwards ? BACKWARDS : FORWARDS,
      fromRevision: options.fromRevision ?? (backwards ? END : ESDB_START),
      maxCount: options.maxCount ?? Number.MAX_SAFE_INTEGER,
    });
    const events: RecordedEvent[] = [];
    try {
      for await (const resolved of this.readWithDeadline(read)) {
        if (resolved.event) events.push(toRecordedEvent(resolved.event, resolved.commitPosition));
      }
      return events;
    } catch (error) {
      if (error instanceof StreamNotFoundError) return [];
      throw translateEsdbError(error, this.address);
    }
  }

  /** EventStoreDB reads one stream per call: a few streams at a time over the one connection. */
  async readStreams(
    streamIds: readonly string[],
    options: ReadStreamsOptions = {},
  ): Promise<Map<string, RecordedEvent[]>> {
    const ids = [...new Set(streamIds)];
    const read = new Map<string, RecordedEvent[]>();
    let next = 0;
    const reader = async () => {
      while (next < ids.length) {
        const streamId = ids[next++]!;
        read.set(streamId, await this.readStream(streamId, options));
      }
    };
    await Promise.all(Array.from({ length: Math.min(READ_STREAMS_CONCURRENCY, ids.length) }, reader));
    return new Map(ids.map((id) => [id, read.get(id)!]));
  }

  /**
   * The client's readAll (6.x) takes no server-side filter, so filters and the exclusion of system
   * events are applied here while scanning; `lastPosition` is the last record examined.
   */
  async readAll(options: ReadAllOptions = {}): Promise<ReadAllResult> {
    const after = options.after ?? START;
    const maxCount = options.maxCount ?? DEFAULT_READ_ALL_COUNT;
    const events: RecordedEvent[] = [];
    let lastPosition = after;
    if (maxCount <= 0) return { events, lastPosition };
    const pageSize = hasFilter(options.filter) ? SCAN_PAGE_SIZE : Math.min(maxCount + 1, SCAN_PAGE_SIZE);
    await this.scanAll(FORWARDS, after, pageSize, (event) => {
      lastPosition = event.position;
      if (matchesLogFilter(event, options.filter)) events.push(toRecordedEvent(event));
      return events.length < maxCount;
    });
    return { events, lastPosition };
  }

  async headPosition(): Promise<Position> {
    let head: Position = START;
    await this.scanAll(BACKWARDS, undefined, HEAD_PAGE_SIZE, (event) => {
      if (isSystemEvent(event)) return true;
      head = event.position;
      return false;
    });
    return head;
  }

  subscribeToAll(options: SubscribeOptions = {}): Subscription {
    const after = options.after ?? START;
    const subscription = createEsdbSubscription({
      after,
      filter: options.filter,
      open: () =>
        this.client.subscribeToAll({
          fromPosition: toReadPosition(after, 'start'),
          filter: toServerFilter(options.filter),
          resolveLinkTos: false,
        }),
      translate: (error) => translateEsdbError(error, this.address),
      endedByServer: () => unavailableError(this.address, new Error('the server ended the subscription')),
      confirmWithinMs: this.deadlineMs,
      onClose: () => this.subscriptions.delete(subscription),
    });
    this.subscriptions.add(subscription);
    return subscription;
  }

  async close(): Promise<void> {
    await Promise.all([...this.subscriptions].map((s) => s.close()));
    await this.client.dispose();
  }

  private prepare(request: AppendRequest): PreparedEvent[] {
    if (request.events.length === 0)
      throw new InvalidEventError(`Append to stream "${request.streamId}" has no events`);
    const now = new Date();
    return request.events.map((e) => prepareEvent(request.streamId, e, this.maxEventBytes, now));
  }

  /**
   * Reads $all page by page from `from` (exclusive; `undefined` is the edge of the log in the reading
   * direction) and hands each record to `visit` until it returns false or the log ends. The client's
   * fromPosition is inclusive, so every record not strictly beyond the last one seen is skipped.
   */
  private async scanAll(
    direction: Direction,
    from: Position | undefined,
    pageSize: number,
    visit: (event: AllStreamRecordedEvent) => boolean,
  ): Promise<void> {
    let mark = from;
    const edge = direction === FORWARDS ? 'start' : 'end';
    for (;;) {
      const page = this.client.readAll({ direction, fromPosition: toReadPosition(mark, edge), maxCount: pageSize });
      let received = 0;
      try {
        for await (const resolved of this.readWithDeadline(page)) {
          received += 1;
          const event = resolved.event;
          if (!event || !isBeyond(event.position, mark, direction)) continue;
          mark = event.position;
          if (!visit(event)) {
            void page.cancel().catch(() => {});
            return;
          }
        }
      } catch (error) {
        throw translateEsdbError(error, this.address);
      }
      if (received < pageSize) return;
    }
  }

  /** Yields a read's records, failing it when the server sends nothing for `deadlineMs`. */
  private async *readWithDeadline<T>(read: StreamingRead<T>): AsyncGenerator<T> {
    let timer: NodeJS.Timeout | undefined;
    const arm = () => {
      clearTimeout(timer);
      timer = setTimeout(() => {
        void read.cancel().catch(() => {});
        read.destroy(new NoAnswerError(this.deadlineMs));
      }, this.deadlineMs);
    };
    try {
      arm();
      for await (const item of read) {
        arm();
        yield item;
      }
    } finally {
      clearTimeout(timer);
    }
  }

  private withDeadline<T>(operation: Promise<T>, consequence: string): Promise<T> {
    let timer: NodeJS.Timeout | undefined;
    const timeout = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new NoAnswerError(this.deadlineMs, consequence)), this.deadlineMs);
    });
    return Promise.race([operation, timeout]).finally(() => clearTimeout(timer));
  }
}

function createClient(connectionString: string, address: string): EventStoreDBClient {
  try {
    return EventStoreDBClient.connectionString(connectionString);
  } catch (error) {
    throw new Error(
      `EVENTSTORE_URL "${address}" is not a valid EventStoreDB connection string: ${(error as Error).message}`,
      {
        cause: error,
      },
    );
  }
}

function isBeyond(position: Position, mark: Position | undefined, direction: Direction): boolean {
  if (!mark) return true;
  const order = comparePositions(position, mark);
  return direction === FORWARDS ? order > 0 : order < 0;
}
