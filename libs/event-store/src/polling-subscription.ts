import { comparePositions, type Position, type RecordedEvent } from './event.js';
import type { ReadAllResult, Subscription } from './event-store.port.js';

export interface PollingSubscriptionSource {
  after: Position;
  read(after: Position): Promise<ReadAllResult>;
  /** Resolves when new events may exist (or a timeout passes, or the signal aborts). */
  waitForNews(signal: AbortSignal): Promise<void>;
}

/**
 * A catch-up-then-live subscription over batched reads. It holds at most two batches in memory (the
 * one being delivered and the next, fetched ahead), so memory stays flat however long the log is.
 */
export function createPollingSubscription(source: PollingSubscriptionSource): Subscription {
  const abort = new AbortController();

  // A read fetched ahead may fail after close(); its error is seen by the awaiting loop or not at all.
  const readAhead = (after: Position) => {
    const read = source.read(after);
    read.catch(() => {});
    return read;
  };

  async function* deliver(): AsyncGenerator<RecordedEvent> {
    let after = source.after;
    let pending: Promise<ReadAllResult> | undefined = readAhead(after);
    while (!abort.signal.aborted) {
      const batch: ReadAllResult = await pending!;
      pending = undefined;
      const moved = comparePositions(batch.lastPosition, after) > 0;
      if (moved) after = batch.lastPosition;
      if (batch.events.length > 0) pending = readAhead(after);
      for (const event of batch.events) {
        if (abort.signal.aborted) return;
        yield event;
      }
      if (!pending) {
        if (!moved) await source.waitForNews(abort.signal);
        if (abort.signal.aborted) return;
        pending = readAhead(after);
      }
    }
  }

  const iterator = deliver();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      abort.abort();
      await iterator.return(undefined);
    },
  };
}
