import { randomUUID } from 'node:crypto';
import net from 'node:net';
import { Readable } from 'node:stream';
import { StreamNotFoundError } from '@eventstore/db-client';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { describeEventStoreContract } from '../contract/event-store.contract.js';
import { EventStoreUnavailableError, EventTooLargeError, InvalidEventError } from '../errors.js';
import type { EventStore } from '../event-store.port.js';
import { EsdbEventStore } from './esdb-event-store.js';

const eventStoreUrl = process.env.EVENTSTORE_URL;
if (!eventStoreUrl) {
  console.warn(
    'SKIPPED: the EventStoreDB contract suite needs EVENTSTORE_URL (e.g. EVENTSTORE_URL=esdb://localhost:2113?tls=false); only the offline EventStoreDB tests ran',
  );
}

describe.runIf(Boolean(eventStoreUrl))('EventStoreDB adapter against EVENTSTORE_URL', () => {
  describeEventStoreContract('EventStoreDB', async () => {
    const maxEventBytes = 64 * 1024;
    const store = new EsdbEventStore(eventStoreUrl!, { maxEventBytes });
    return { store, maxEventBytes, atomicMultiStreamAppend: false, cleanup: () => store.close() };
  });
});

/** A port nothing listens on: bind one, note it, let it go. */
async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/** A server that accepts TCP connections and never says a word, like a hung or firewalled node. */
async function silentServer(): Promise<{ port: number; stop(): Promise<void> }> {
  const sockets = new Set<net.Socket>();
  const server = net.createServer((socket) => {
    sockets.add(socket);
    socket.on('error', () => {});
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  return {
    port,
    stop: async () => {
      for (const socket of sockets) socket.destroy();
      await new Promise<void>((resolve) => server.close(() => resolve()));
    },
  };
}

const operations: Array<[string, (store: EventStore) => Promise<unknown>]> = [
  ['append', (s) => s.append({ streamId: 'orders-1', events: [{ type: 'OrderPlaced', data: { n: 1 } }] })],
  ['readStream', (s) => s.readStream('orders-1')],
  ['readStream backwards', (s) => s.readStream('orders-1', { direction: 'backwards', maxCount: 1 })],
  ['readAll', (s) => s.readAll({ maxCount: 10 })],
  ['readAll with a filter', (s) => s.readAll({ filter: { eventTypes: ['OrderPlaced'] } })],
  ['headPosition', (s) => s.headPosition()],
  [
    'subscribeToAll',
    (s) =>
      s
        .subscribeToAll({ filter: { streamPrefixes: ['orders-'] } })
        [Symbol.asyncIterator]()
        .next(),
  ],
];

async function expectUnavailable(operation: Promise<unknown>, address: RegExp, withinMs: number): Promise<void> {
  const started = Date.now();
  const error = await operation.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(EventStoreUnavailableError);
  expect((error as Error).message).toMatch(/EVENTSTORE_URL/);
  expect((error as Error).message).toMatch(address);
  expect(Date.now() - started).toBeLessThan(withinMs);
}

describe('EventStoreDB adapter with no server on the port', () => {
  let store: EsdbEventStore;
  let port: number;
  beforeAll(async () => {
    port = await closedPort();
    store = new EsdbEventStore(`esdb://127.0.0.1:${port}?tls=false`, { deadlineMs: 2_000 });
  });
  afterAll(() => store.close());

  it.each(operations)(
    '%s fails quickly with EventStoreUnavailableError naming EVENTSTORE_URL and the address',
    async (_, run) => {
      await expectUnavailable(run(store), new RegExp(`127\\.0\\.0\\.1:${port}`), 3_000);
    },
  );

  it('keeps the password out of the message', async () => {
    const secret = new EsdbEventStore(`esdb://admin:changeit@127.0.0.1:${port}?tls=false`, { deadlineMs: 2_000 });
    try {
      const error = await secret.readAll().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(EventStoreUnavailableError);
      expect((error as Error).message).toContain('admin:***@');
      expect((error as Error).message).not.toContain('changeit');
    } finally {
      await secret.close();
    }
  });
});

describe('EventStoreDB adapter with a server that never answers', () => {
  let server: Awaited<ReturnType<typeof silentServer>>;
  let store: EsdbEventStore;
  beforeAll(async () => {
    server = await silentServer();
    store = new EsdbEventStore(`esdb://127.0.0.1:${server.port}?tls=false`, { deadlineMs: 300 });
  });
  afterAll(async () => {
    await store.close();
    await server.stop();
  });

  it.each(operations)('%s gives up after the deadline with EventStoreUnavailableError', async (_, run) => {
    await expectUnavailable(run(store), new RegExp(`127\\.0\\.0\\.1:${server.port}`), 3_000);
  });
});

describe('EventStoreDB adapter rejects bad appends before any connection attempt', () => {
  // A closed port: had the adapter tried to connect, these would fail as unavailable instead.
  let store: EsdbEventStore;
  beforeAll(async () => {
    store = new EsdbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`, { maxEventBytes: 1024 });
  });
  afterAll(() => store.close());

  it('rejects an oversized event with EventTooLargeError', async () => {
    const attempt = store.append({
      streamId: 'big-1',
      events: [
        { type: 'Small', data: {} },
        { type: 'Big', data: { blob: 'x'.repeat(2048) } },
      ],
    });
    await expect(attempt).rejects.toBeInstanceOf(EventTooLargeError);
    await expect(attempt).rejects.toThrow(/Event "Big" for stream "big-1" is \d+ bytes; the limit is 1024 bytes/);
  });

  it('rejects an append with no events, an event without a type, or a bad event id', async () => {
    await expect(store.append({ streamId: 's', events: [] })).rejects.toBeInstanceOf(InvalidEventError);
    await expect(store.append({ streamId: 's', events: [{ type: '', data: {} }] })).rejects.toBeInstanceOf(
      InvalidEventError,
    );
    await expect(
      store.append({ streamId: 's', events: [{ type: 'A', data: {}, metadata: { eventId: 'not-a-uuid' } }] }),
    ).rejects.toThrow(/must be a UUID/);
    await expect(store.append({ streamId: '', events: [{ type: 'A', data: {} }] })).rejects.toBeInstanceOf(
      InvalidEventError,
    );
  });

  it('refuses appendMany across streams, saying it cannot be atomic', async () => {
    const attempt = store.appendMany([
      { streamId: `a-${randomUUID()}`, events: [{ type: 'A', data: {} }] },
      { streamId: `b-${randomUUID()}`, events: [{ type: 'A', data: {} }] },
    ]);
    await expect(attempt).rejects.toBeInstanceOf(InvalidEventError);
    await expect(attempt).rejects.toThrow(/atomic/);
    await expect(store.appendMany([])).resolves.toEqual([]);
  });

  it('refuses a connection string the client cannot parse, naming EVENTSTORE_URL', () => {
    expect(() => new EsdbEventStore('http://localhost:2113')).toThrow(/EVENTSTORE_URL/);
  });
});

/**
 * An in-memory stand-in for the client's reads, with the client's documented semantics: `fromPosition`
 * and `fromRevision` are inclusive, `maxCount` bounds the raw records returned, system records included.
 */
function fakeClientReads(store: EsdbEventStore, log: Array<{ streamId: string; type: string }>) {
  const records = log.map((e, i) => ({
    event: {
      ...e,
      id: randomUUID(),
      isJson: true,
      revision: 0n,
      created: new Date('2026-01-01T00:00:00.000Z'),
      data: { i },
      metadata: { occurredAt: '2026-01-01T00:00:00.000Z', schemaVersion: 1 },
      position: { commit: BigInt(i * 100), prepare: BigInt(i * 100) },
    },
  }));
  const reads: Array<{ direction: string; fromPosition: unknown; maxCount: number }> = [];
  const streaming = <T>(items: T[]) => Object.assign(Readable.from(items), { cancel: async () => {} });
  const client = (store as unknown as { client: Record<string, unknown> }).client;
  client.readAll = (options: {
    direction: string;
    fromPosition: 'start' | 'end' | { commit: bigint };
    maxCount: number;
  }) => {
    reads.push(options);
    const from = options.fromPosition;
    const selected =
      options.direction === 'forwards'
        ? records.filter(
            (r) => from === 'start' || (typeof from === 'object' && r.event.position.commit >= from.commit),
          )
        : records
            .filter((r) => from === 'end' || (typeof from === 'object' && r.event.position.commit <= from.commit))
            .reverse();
    return streaming(selected.slice(0, options.maxCount));
  };
  client.readStream = (streamId: string) => {
    const read = streaming<never>([]);
    queueMicrotask(() => read.destroy(new StreamNotFoundError(undefined, streamId)));
    return read;
  };
  return { reads };
}

describe('EventStoreDB adapter reading $all (against an in-memory stand-in for the client)', () => {
  const user = (streamId: string, type = 'A') => ({ streamId, type });
  const system = { streamId: '$stats-1', type: '$statistics-collected' };
  let store: EsdbEventStore;
  beforeAll(async () => {
    store = new EsdbEventStore(`esdb://127.0.0.1:${await closedPort()}?tls=false`);
  });
  afterAll(() => store.close());

  it('reads after a position exclusively, leaves out system events, and checkpoints at the last record examined', async () => {
    fakeClientReads(store, [system, user('s-1'), user('s-1'), system, user('s-2'), system]);
    const all = await store.readAll();
    expect(all.events.map((e) => e.position.commit)).toEqual([100n, 200n, 400n]);
    expect(all.lastPosition).toEqual({ commit: 500n, prepare: 500n });
    const after = await store.readAll({ after: { commit: 200n, prepare: 200n } });
    expect(after.events.map((e) => e.position.commit)).toEqual([400n]);
    const none = await store.readAll({ after: all.lastPosition });
    expect(none).toEqual({ events: [], lastPosition: all.lastPosition });
  });

  it('stops at maxCount and checkpoints at the last event returned', async () => {
    fakeClientReads(store, [user('s'), user('s'), user('s'), user('s')]);
    const page = await store.readAll({ maxCount: 2 });
    expect(page.events.map((e) => e.position.commit)).toEqual([0n, 100n]);
    expect(page.lastPosition).toEqual({ commit: 100n, prepare: 100n });
    const rest = await store.readAll({ after: page.lastPosition, maxCount: 10 });
    expect(rest.events.map((e) => e.position.commit)).toEqual([200n, 300n]);
  });

  it('filters by type and stream prefix across many pages of raw records', async () => {
    const log = Array.from({ length: 9_000 }, (_, i) =>
      i % 1_000 === 7 ? user(`p-${i}`, 'Wanted') : i % 2 ? system : user(`q-${i}`),
    );
    const { reads } = fakeClientReads(store, log);
    const filter = { eventTypes: ['Wanted'], streamPrefixes: ['p-'] };
    const first = await store.readAll({ filter, maxCount: 3 });
    expect(first.events.map((e) => e.streamId)).toEqual(['p-7', 'p-1007', 'p-2007']);
    expect(first.lastPosition.commit).toBe(200_700n);
    const rest = await store.readAll({ after: first.lastPosition, filter, maxCount: 100 });
    expect(rest.events.map((e) => e.streamId)).toEqual(['p-3007', 'p-4007', 'p-5007', 'p-6007', 'p-7007', 'p-8007']);
    expect(rest.lastPosition.commit).toBe(899_900n);
    expect(reads.length).toBeGreaterThan(2);
    expect((await store.readAll({ filter: { streamPrefixes: ['none-'] } })).events).toEqual([]);
  });

  it('reports the head as the last non-system event, or START when there is none', async () => {
    fakeClientReads(store, [user('s'), user('s'), ...Array.from({ length: 300 }, () => system)]);
    expect(await store.headPosition()).toEqual({ commit: 100n, prepare: 100n });
    fakeClientReads(
      store,
      Array.from({ length: 300 }, () => system),
    );
    expect(await store.headPosition()).toEqual({ commit: -1n, prepare: -1n });
  });

  it('reads a stream that does not exist as empty', async () => {
    fakeClientReads(store, []);
    expect(await store.readStream('absent')).toEqual([]);
  });
});
