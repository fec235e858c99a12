import { PassThrough } from 'node:stream';
import type { AllStreamResolvedEvent, AllStreamSubscription } from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventStoreUnavailableError } from '../errors.js';
import type { Position, RecordedEvent } from '../event.js';
import type { LogFilter } from '../event-store.port.js';
import { createEsdbSubscription } from './esdb-subscription.js';

/** Stands in for the client's subscription stream: what we write is what the server would send. */
class FakeServerSubscription extends PassThrough {
  unsubscribed = false;
  constructor() {
    super({ objectMode: true });
  }
  async unsubscribe(): Promise<void> {
    this.unsubscribed = true;
  }
  confirm(): void {
    this.emit('confirmation');
  }
  send(commit: bigint, streamId: string, type = 'A'): void {
    const resolved: AllStreamResolvedEvent = {
      event: {
        streamId,
        id: `00000000-0000-4000-8000-${commit.toString().padStart(12, '0')}`,
        isJson: true,
        revision: 0n,
        type,
        created: new Date('2026-01-01T00:00:00.000Z'),
        data: { commit: Number(commit) },
        metadata: { occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
        position: { commit, prepare: commit },
      },
      commitPosition: commit,
    };
    this.write(resolved);
  }
}

function subscribe(server: FakeServerSubscription, after: Position, filter?: LogFilter, confirmWithinMs = 5_000) {
  const closed: string[] = [];
  const subscription = createEsdbSubscription({
    after,
    filter,
    open: () => server as unknown as AllStreamSubscription,
    translate: (error) => new EventStoreUnavailableError(`translated: ${(error as Error).message}`),
    endedByServer: () => new EventStoreUnavailableError('ended by server'),
    onClose: () => closed.push('closed'),
    confirmWithinMs,
  });
  return { subscription, closed };
}

async function take(iterable: AsyncIterable<RecordedEvent>, count: number): Promise<RecordedEvent[]> {
  const out: RecordedEvent[] = [];
  for await (const event of iterable) {
    out.push(event);
    if (out.length === count) break;
  }
  return out;
}

describe('EventStoreDB subscription wrapper', () => {
  it('skips the checkpoint itself, anything before it, system events and what the filter leaves out', async () => {
    const server = new FakeServerSubscription();
    const { subscription } = subscribe(server, { commit: 10n, prepare: 10n }, { streamPrefixes: ['p-'] });
    server.send(10n, 'p-1');
    server.send(11n, '$stats-1', '$statistics-collected');
    server.send(12n, 'q-1');
    server.send(13n, 'p-1');
    server.send(14n, 'p-2');
    const events = await take(subscription, 2);
    expect(events.map((e) => e.position.commit)).toEqual([13n, 14n]);
    expect(server.unsubscribed).toBe(true);
  });

  it('close() ends an iteration that is waiting for live events and cancels the server subscription', async () => {
    const server = new FakeServerSubscription();
    const { subscription, closed } = subscribe(server, { commit: -1n, prepare: -1n });
    server.send(1n, 's');
    const iterator = subscription[Symbol.asyncIterator]();
    expect((await iterator.next()).value?.position.commit).toBe(1n);
    const waiting = iterator.next();
    await new Promise((r) => setTimeout(r, 20));
    await subscription.close();
    await expect(waiting).resolves.toEqual({ done: true, value: undefined });
    expect(server.unsubscribed).toBe(true);
    expect(closed).toEqual(['closed']);
    await subscription.close();
  });

  it('close() before iterating never opens the server subscription', async () => {
    let opened = false;
    const subscription = createEsdbSubscription({
      after: { commit: -1n, prepare: -1n },
      filter: undefined,
      open: () => {
        opened = true;
        return new FakeServerSubscription() as unknown as AllStreamSubscription;
      },
      translate: (e) => e,
      endedByServer: () => new Error('ended'),
      onClose: () => {},
      confirmWithinMs: 1_000,
    });
    await subscription.close();
    expect(await subscription[Symbol.asyncIterator]().next()).toEqual({ done: true, value: undefined });
    expect(opened).toBe(false);
  });

  it('translates a stream error, and fails when the server ends the subscription', async () => {
    const failing = new FakeServerSubscription();
    const first = subscribe(failing, { commit: -1n, prepare: -1n }).subscription[Symbol.asyncIterator]().next();
    failing.destroy(Object.assign(new Error('UNAVAILABLE'), { code: 14 }));
    await expect(first).rejects.toThrow(/translated: UNAVAILABLE/);

    const ending = new FakeServerSubscription();
    const next = subscribe(ending, { commit: -1n, prepare: -1n }).subscription[Symbol.asyncIterator]().next();
    ending.end();
    await expect(next).rejects.toThrow(/ended by server/);
  });

  it('fails when the server never confirms the subscription', async () => {
    const silent = new FakeServerSubscription();
    const next = subscribe(silent, { commit: -1n, prepare: -1n }, undefined, 50)
      .subscription[Symbol.asyncIterator]()
      .next();
    await expect(next).rejects.toThrow(/translated: no answer within 50 ms; the subscription was not confirmed/);
    expect(silent.unsubscribed).toBe(true);
  });

  it('a confirmed subscription waits for live events as long as it takes', async () => {
    const server = new FakeServerSubscription();
    const { subscription } = subscribe(server, { commit: -1n, prepare: -1n }, undefined, 30);
    // The client confirms once its gRPC call is up, which is after the wrapper opened it.
    const next = subscription[Symbol.asyncIterator]().next();
    server.confirm();
    await new Promise((r) => setTimeout(r, 100));
    server.send(5n, 's');
    expect((await next).value?.position.commit).toBe(5n);
    await subscription.close();
  });
});
