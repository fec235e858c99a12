import type { ExpectedRevision, LogFilter, ReadStreamOptions } from '../event-store.port.js';

/** An event as the model keeps it: what a store must give back for it. */
export interface ModelEvent {
  streamId: string;
  revision: bigint;
  eventId: string;
  type: string;
  data: unknown;
}

export type ModelNewEvent = Omit<ModelEvent, 'streamId' | 'revision'>;

/**
 * The simplest log that meets the event store port: every event in one array in append order, and
 * each stream as an array indexed by revision. The contract's property tests make the same appends
 * and reads on it and on a store, and compare.
 */
export class LogModel {
  /** Every event appended, in append order (the order of global positions when appends do not race). */
  readonly log: ModelEvent[] = [];
  private readonly streams = new Map<string, ModelEvent[]>();

  stream(streamId: string): readonly ModelEvent[] {
    return this.streams.get(streamId) ?? [];
  }

  /** The actual revision an append with `expected` must fail with, or undefined when it must succeed. */
  conflict(streamId: string, expected: ExpectedRevision): bigint | 'no_stream' | undefined {
    const length = this.stream(streamId).length;
    const actual = length === 0 ? 'no_stream' : BigInt(length - 1);
    const ok =
      expected === 'any' ||
      (expected === 'no_stream' && length === 0) ||
      (expected === 'stream_exists' && length > 0) ||
      (typeof expected === 'bigint' && length > 0 && expected === BigInt(length - 1));
    return ok ? undefined : actual;
  }

  /** Appends without any check (call `conflict` first); returns the revision of the last event written. */
  append(streamId: string, events: readonly ModelNewEvent[]): bigint {
    const stream = this.streams.get(streamId) ?? [];
    this.streams.set(streamId, stream);
    for (const event of events) {
      const recorded = { ...event, streamId, revision: BigInt(stream.length) };
      stream.push(recorded);
      this.log.push(recorded);
    }
    return BigInt(stream.length - 1);
  }

  readStream(streamId: string, options: ReadStreamOptions = {}): ModelEvent[] {
    const stream = this.stream(streamId);
    const backwards = options.direction === 'backwards';
    const from = options.fromRevision ?? (backwards ? BigInt(stream.length - 1) : 0n);
    const selected = backwards
      ? stream.filter((e) => e.revision <= from).reverse()
      : stream.filter((e) => e.revision >= from);
    return selected.slice(0, options.maxCount ?? selected.length);
  }

  /** The events appended after the first `after` of the model's log that match the filter, at most `maxCount`. */
  readAll(after: number, maxCount: number, filter: LogFilter = {}): ModelEvent[] {
    return this.log
      .slice(after)
      .filter((e) => matchesFilter(e, filter))
      .slice(0, maxCount);
  }
}

function matchesFilter(event: ModelEvent, filter: LogFilter): boolean {
  if (filter.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (filter.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  return true;
}
