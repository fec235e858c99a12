import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { comparePositions, type Position, type RecordedEvent } from '../event.js';
import type { LogFilter, Subscription } from '../event-store.port.js';
import { NoAnswerError } from './esdb-errors.js';
import { matchesLogFilter, toRecordedEvent } from './esdb-mapping.js';

export interface EsdbSubscriptionSource {
  after: Position;
  filter: LogFilter | undefined;
  open(): AllStreamSubscription;
  translate(error: unknown): unknown;
  endedByServer(): Error;
  onClose(): void;
  /**
   * The server confirms a subscription as soon as it starts; without that the client would wait on
   * a silent server forever, as live subscriptions carry no deadline.
   */
  confirmWithinMs: number;
}

/**
 * Wraps the client's catch-up subscription (server-side filter, caught up then live) as the port's
 * `Subscription`. Closing must cancel the gRPC call and destroy the client's stream: cancelling alone
 * leaves a pending read waiting forever.
 */
export function createEsdbSubscription(source: EsdbSubscriptionSource): Subscription {
  let closed = false;
  let live: AllStreamSubscription | undefined;

  const stop = async () => {
    const subscription = live;
    live = undefined;
    if (!subscription) return;
    await subscription.unsubscribe().catch(() => {});
    subscription.destroy();
  };

  async function* deliver(): AsyncGenerator<RecordedEvent> {
    if (closed) return;
    live = source.open();
    const subscription = live;
    const unconfirmed = setTimeout(() => {
      void subscription.unsubscribe().catch(() => {});
      subscription.destroy(new NoAnswerError(source.confirmWithinMs, 'the subscription was not confirmed'));
    }, source.confirmWithinMs);
    const confirmed = () => clearTimeout(unconfirmed);
    subscription.once('confirmation', confirmed);
    let mark = source.after;
    try {
      for await (const resolved of subscription as AsyncIterable<AllStreamResolvedEvent>) {
        confirmed();
        const event = resolved.event;
        // A resumed subscription may start at the checkpoint itself: it was delivered before.
        if (!event || comparePositions(event.position, mark) <= 0) continue;
        mark = event.position;
        if (matchesLogFilter(event, source.filter)) yield toRecordedEvent(event);
      }
      if (!closed) throw source.endedByServer();
    } catch (error) {
      if (!closed) throw source.translate(error);
    } finally {
      confirmed();
      await stop();
    }
  }

  const iterator = deliver();
  return {
    [Symbol.asyncIterator]: () => iterator,
    close: async () => {
      closed = true;
      source.onClose();
      await stop();
      await iterator.return(undefined);
    },
  };
}
