import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { EventTooLargeError, UnstorableTextError, WrongExpectedRevisionError } from '../errors.js';
import { comparePositions, START, type NewEvent, type Position, type RecordedEvent } from '../event.js';
import type { EventStore, LogFilter, Subscription } from '../event-store.port.js';
import { describeReadsAgainstModel } from './reads-against-model.contract.js';

export interface ContractContext {
  store: EventStore;
  /** The byte limit the store was configured with. */
  maxEventBytes: number;
  /** Whether appendMany is atomic across streams in this adapter. */
  atomicMultiStreamAppend: boolean;
  cleanup(): Promise<void>;
}

const event = (type: string, n: number, extra: Partial<NewEvent> = {}): NewEvent => ({
  type,
  data: { n },
  ...extra,
});

async function collect(subscription: Subscription, count: number, timeoutMs = 60_000): Promise<RecordedEvent[]> {
  const received: RecordedEvent[] = [];
  const timer = setTimeout(() => void subscription.close(), timeoutMs);
  for await (const e of subscription) {
    received.push(e);
    if (received.length >= count) break;
  }
  clearTimeout(timer);
  await subscription.close();
  return received;
}

/** The behaviour every event store adapter must show; each adapter's test file runs it. */
export function describeEventStoreContract(adapterName: string, createContext: () => Promise<ContractContext>): void {
  describe(`event store contract: ${adapterName}`, () => {
    let ctx: ContractContext;
    let store: EventStore;
    beforeAll(async () => {
      ctx = await createContext();
      store = ctx.store;
    });
    afterAll(async () => {
      await ctx?.cleanup();
    });

    const uniquePrefix = () => `t${randomUUID().slice(0, 8)}-`;

    it('appends events with increasing revisions and reads a stream forwards and backwards', async () => {
      const stream = `${uniquePrefix()}order-1`;
      const first = await store.append({
        streamId: stream,
        events: [event('A', 1), event('B', 2)],
        expectedRevision: 'no_stream',
      });
      expect(first.nextExpectedRevision).toBe(1n);
      await store.append({ streamId: stream, events: [event('C', 3)], expectedRevision: 1n });

      const forwards = await store.readStream(stream);
      expect(forwards.map((e) => [e.type, e.revision])).toEqual([
        ['A', 0n],
        ['B', 1n],
        ['C', 2n],
      ]);
      const backwards = await store.readStream(stream, { direction: 'backwards', maxCount: 2 });
      expect(backwards.map((e) => e.type)).toEqual(['C', 'B']);
      const fromRevision = await store.readStream(stream, { fromRevision: 1n });
      expect(fromRevision.map((e) => e.type)).toEqual(['B', 'C']);
      expect(await store.readStream(`${uniquePrefix()}absent`)).toEqual([]);
    });

    it('reads several streams at once as readStream reads each, naming absent streams with no events', async () => {
      const prefix = uniquePrefix();
      const [one, two, absent] = [`${prefix}one`, `${prefix}two`, `${prefix}absent`];
      await store.append({ streamId: one, events: [event('A', 1), event('B', 2), event('C', 3)] });
      await store.append({ streamId: two, events: [event('D', 4)] });
      await store.append({ streamId: `${prefix}other`, events: [event('E', 5)] });

      const all = await store.readStreams([two, absent, one, two]);
      expect([...all.keys()].sort()).toEqual([absent, one, two].sort());
      expect(all.get(one)).toEqual(await store.readStream(one));
      expect(all.get(two)).toEqual(await store.readStream(two));
      expect(all.get(absent)).toEqual([]);

      const lasts = await store.readStreams([one, two], { direction: 'backwards', maxCount: 2 });
      expect(lasts.get(one)!.map((e) => e.type)).toEqual(['C', 'B']);
      expect(lasts.get(two)!.map((e) => e.type)).toEqual(['D']);
      expect((await store.readStreams([one], { maxCount: 0 })).get(one)).toEqual([]);
      expect((await store.readStreams([])).size).toBe(0);
    });

    it('keeps type, schema version, data and every metadata field', async () => {
      const stream = `${uniquePrefix()}meta`;
      const metadata = {
        eventId: randomUUID(),
        correlationId: randomUUID(),
        causationId: randomUUID(),
        tenantId: 'org-42',
        actor: 'user-7',
        occurredAt: '2019-05-01T09:30:00.000Z',
      };
      await store.append({
        streamId: stream,
        events: [{ type: 'EvidenceRecorded', version: 3, data: { a: [1, 'x'], b: null }, metadata }],
      });
      const [read] = await store.readStream(stream);
      expect(read.type).toBe('EvidenceRecorded');
      expect(read.version).toBe(3);
      expect(read.data).toEqual({ a: [1, 'x'], b: null });
      expect(read.metadata).toMatchObject(metadata);
      expect(Date.parse(read.recordedAt)).toBeGreaterThan(Date.parse(metadata.occurredAt));
    });

    it('keeps null and non-object data as given', async () => {
      const stream = `${uniquePrefix()}plain-data`;
      await store.append({
        streamId: stream,
        events: [
          { type: 'A', data: null },
          { type: 'B', data: [1, 'two'] },
          { type: 'C', data: 'text' },
        ],
      });
      expect((await store.readStream(stream)).map((e) => e.data)).toEqual([null, [1, 'two'], 'text']);
    });

    it('fills an event id and occurred-at when the caller gives none', async () => {
      const stream = `${uniquePrefix()}defaults`;
      await store.append({ streamId: stream, events: [event('A', 1)] });
      const [read] = await store.readStream(stream);
      expect(read.metadata.eventId).toMatch(/^[0-9a-f-]{36}$/);
      expect(Number.isNaN(Date.parse(read.metadata.occurredAt))).toBe(false);
      expect(read.version).toBe(1);
    });

    describe('expected revision', () => {
      it('no_stream fails when the stream exists', async () => {
        const stream = `${uniquePrefix()}s`;
        await store.append({ streamId: stream, events: [event('A', 1)] });
        const attempt = store.append({ streamId: stream, events: [event('A', 2)], expectedRevision: 'no_stream' });
        await expect(attempt).rejects.toBeInstanceOf(WrongExpectedRevisionError);
        await expect(attempt).rejects.toMatchObject({ streamId: stream, actual: 0n });
      });

      it('an exact revision fails when another writer got there first, and nothing is written', async () => {
        const stream = `${uniquePrefix()}s`;
        await store.append({ streamId: stream, events: [event('A', 1)], expectedRevision: 'no_stream' });
        await store.append({ streamId: stream, events: [event('A', 2)], expectedRevision: 0n });
        await expect(
          store.append({ streamId: stream, events: [event('A', 3), event('A', 4)], expectedRevision: 0n }),
        ).rejects.toThrow(/Concurrency conflict on stream .* expected revision 0, but the stream is at 1/);
        expect((await store.readStream(stream)).length).toBe(2);
      });

      it('an exact revision fails on a stream that does not exist, and nothing is written', async () => {
        const stream = `${uniquePrefix()}s`;
        for (const expectedRevision of [0n, -1n]) {
          await expect(
            store.append({ streamId: stream, events: [event('A', 1)], expectedRevision }),
          ).rejects.toMatchObject({
            streamId: stream,
            actual: 'no_stream',
          });
        }
        expect(await store.readStream(stream)).toEqual([]);
      });

      it('stream_exists fails on a stream that does not exist; any always succeeds', async () => {
        const stream = `${uniquePrefix()}s`;
        await expect(
          store.append({ streamId: stream, events: [event('A', 1)], expectedRevision: 'stream_exists' }),
        ).rejects.toMatchObject({ actual: 'no_stream' });
        await store.append({ streamId: stream, events: [event('A', 1)], expectedRevision: 'any' });
        await store.append({ streamId: stream, events: [event('A', 2)], expectedRevision: 'stream_exists' });
        expect((await store.readStream(stream)).length).toBe(2);
      });

      it('of many racing writers with the same expected revision exactly one wins', async () => {
        const stream = `${uniquePrefix()}race`;
        await store.append({ streamId: stream, events: [event('A', 0)], expectedRevision: 'no_stream' });
        const attempts = await Promise.allSettled(
          Array.from({ length: 10 }, (_, i) =>
            store.append({ streamId: stream, events: [event('A', i)], expectedRevision: 0n }),
          ),
        );
        expect(attempts.filter((a) => a.status === 'fulfilled')).toHaveLength(1);
        expect(
          attempts
            .filter((a) => a.status === 'rejected')
            .every((a) => (a as PromiseRejectedResult).reason instanceof WrongExpectedRevisionError),
        ).toBe(true);
      });
    });

    it('rejects an oversized event cleanly and writes nothing of that append', async () => {
      const stream = `${uniquePrefix()}big`;
      const big = { type: 'Big', data: { blob: 'x'.repeat(ctx.maxEventBytes + 1) } };
      const attempt = store.append({ streamId: stream, events: [event('Small', 1), big] });
      await expect(attempt).rejects.toBeInstanceOf(EventTooLargeError);
      await expect(attempt).rejects.toThrow(/Event "Big" for stream .* is \d+ bytes; the limit is \d+ bytes/);
      expect(await store.readStream(stream)).toEqual([]);
      await store.append({ streamId: stream, events: [event('Small', 2)] });
      expect((await store.readStream(stream)).length).toBe(1);
    });

    it('rejects an event with a string PostgreSQL text cannot hold (U+0000, an unpaired surrogate) and writes nothing', async () => {
      const stream = `${uniquePrefix()}text`;
      for (const bad of ['a\u0000b', 'lone \ud800', { ['key\u0000']: 1 }]) {
        const attempt = store.append({
          streamId: stream,
          events: [event('Small', 1), { type: 'Text', data: { bad } }],
        });
        await expect(attempt).rejects.toBeInstanceOf(UnstorableTextError);
        await expect(attempt).rejects.toThrow(/U\+0000 or an unpaired UTF-16 surrogate/);
      }
      expect(await store.readStream(stream)).toEqual([]);
      // The same characters written as text, a pair of surrogates and other control characters are fine.
      await store.append({
        streamId: stream,
        events: [{ type: 'Text', data: { ok: ['\\u0000', '😀', 'tab\tand\u0001'] } }],
      });
      expect((await store.readStream(stream))[0]!.data).toEqual({ ok: ['\\u0000', '😀', 'tab\tand\u0001'] });
    });

    it('appendMany writes all streams or none', async () => {
      if (!ctx.atomicMultiStreamAppend) {
        await expect(
          store.appendMany([
            { streamId: `${uniquePrefix()}a`, events: [event('A', 1)] },
            { streamId: `${uniquePrefix()}b`, events: [event('A', 1)] },
          ]),
        ).rejects.toThrow(/atomic/);
        return;
      }
      const prefix = uniquePrefix();
      await store.append({ streamId: `${prefix}b`, events: [event('B', 1)] });
      await expect(
        store.appendMany([
          { streamId: `${prefix}a`, events: [event('A', 1)], expectedRevision: 'no_stream' },
          { streamId: `${prefix}b`, events: [event('B', 2)], expectedRevision: 'no_stream' },
        ]),
      ).rejects.toBeInstanceOf(WrongExpectedRevisionError);
      expect(await store.readStream(`${prefix}a`)).toEqual([]);
      const results = await store.appendMany([
        { streamId: `${prefix}a`, events: [event('A', 1)], expectedRevision: 'no_stream' },
        { streamId: `${prefix}b`, events: [event('B', 2)], expectedRevision: 0n },
      ]);
      expect(results.map((r) => r.nextExpectedRevision)).toEqual([0n, 1n]);
    });

    it('reads the whole log in position order, filtered by event type or stream prefix', async () => {
      const prefix = uniquePrefix();
      const typeA = `${prefix}TypeA`;
      for (let i = 0; i < 5; i++) {
        await store.append({ streamId: `${prefix}x-${i % 2}`, events: [event(typeA, i), event(`${prefix}TypeB`, i)] });
      }
      const byPrefix = await readEverything(store, { streamPrefixes: [`${prefix}x-`] });
      expect(byPrefix).toHaveLength(10);
      expectIncreasing(byPrefix.map((e) => e.position));
      const byType = await readEverything(store, { eventTypes: [typeA] });
      expect(byType.map((e) => (e.data as { n: number }).n)).toEqual([0, 1, 2, 3, 4]);
      const paged = await store.readAll({ filter: { streamPrefixes: [prefix] }, maxCount: 3 });
      expect(paged.events).toHaveLength(3);
      const rest = await store.readAll({
        after: paged.lastPosition,
        filter: { streamPrefixes: [prefix] },
        maxCount: 100,
      });
      expect(rest.events).toHaveLength(7);
    });

    it('subscribes from the start, then delivers live events, then resumes after a checkpoint', async () => {
      const prefix = uniquePrefix();
      const filter = { streamPrefixes: [prefix] };
      await store.append({ streamId: `${prefix}s`, events: [event('A', 1), event('A', 2)] });
      const subscription = store.subscribeToAll({ filter });
      const received = collect(subscription, 4);
      await new Promise((r) => setTimeout(r, 100));
      await store.append({ streamId: `${prefix}s`, events: [event('A', 3)] });
      await store.append({ streamId: `${prefix}t`, events: [event('A', 4)] });
      const all = await received;
      expect(all.map((e) => (e.data as { n: number }).n)).toEqual([1, 2, 3, 4]);

      const resumed = await collect(store.subscribeToAll({ after: all[1].position, filter }), 2);
      expect(resumed.map((e) => (e.data as { n: number }).n)).toEqual([3, 4]);
    });

    it('8 concurrent writers x 5,000 events reach a live subscriber exactly once each, in order', async () => {
      const prefix = uniquePrefix();
      const writers = 8;
      const perWriter = 5_000;
      const batch = 250;
      const subscription = store.subscribeToAll({ filter: { streamPrefixes: [prefix] } });
      const received = collect(subscription, writers * perWriter, 120_000);
      await Promise.all(
        Array.from({ length: writers }, async (_, w) => {
          for (let offset = 0; offset < perWriter; offset += batch) {
            const events = Array.from({ length: batch }, (_, i) => event('Load', offset + i));
            // Each writer spreads its batches over several streams so streams interleave in the log.
            await store.append({ streamId: `${prefix}w${w}-${offset % 4}`, events });
          }
        }),
      );
      const all = await received;
      expect(all).toHaveLength(writers * perWriter);
      expect(new Set(all.map((e) => e.metadata.eventId)).size).toBe(writers * perWriter);
      expectIncreasing(all.map((e) => e.position));
      const perStream = new Map<string, bigint>();
      for (const e of all) {
        const previous = perStream.get(e.streamId) ?? -1n;
        expect(e.revision).toBe(previous + 1n);
        perStream.set(e.streamId, e.revision);
      }
    });

    describeReadsAgainstModel(() => ({ store, atomicMultiStreamAppend: ctx.atomicMultiStreamAppend, uniquePrefix }));

    it('reports the head position of the log', async () => {
      const stream = `${uniquePrefix()}head`;
      const result = await store.append({ streamId: stream, events: [event('A', 1)] });
      const head = await store.headPosition();
      expect(comparePositions(head, result.position)).toBeGreaterThanOrEqual(0);
      expect(comparePositions(head, START)).toBeGreaterThan(0);
    });
  });
}

async function readEverything(store: EventStore, filter: LogFilter): Promise<RecordedEvent[]> {
  const all: RecordedEvent[] = [];
  let after: Position = START;
  for (;;) {
    const page = await store.readAll({ after, filter, maxCount: 500 });
    all.push(...page.events);
    if (page.events.length === 0) return all;
    after = page.lastPosition;
  }
}

function expectIncreasing(positions: Position[]): void {
  for (let i = 1; i < positions.length; i++) {
    if (comparePositions(positions[i - 1], positions[i]) >= 0) {
      throw new Error(`Positions out of order at index ${i}: ${positions[i - 1].commit} then ${positions[i].commit}`);
    }
  }
}
