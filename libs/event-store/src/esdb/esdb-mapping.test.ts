import { randomUUID } from 'node:crypto';
import {
  ANY,
  END,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  MaxAppendSizeExceededError,
  StreamNotFoundError,
  UnavailableError,
  WrongExpectedVersionError,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { describe, expect, it } from 'vitest';
import { EventStoreUnavailableError, InvalidEventError, WrongExpectedRevisionError } from '../errors.js';
import { START } from '../event.js';
import { prepareEvent } from '../validation.js';
import { isConnectionFailure, redactConnectionString, translateEsdbError } from './esdb-errors.js';
import {
  exactNamesRegex,
  matchesLogFilter,
  readEsdbMetadata,
  toActualRevision,
  toEsdbEventData,
  toEsdbExpectedRevision,
  toEsdbMetadata,
  toReadPosition,
  toRecordedEvent,
  toServerFilter,
} from './esdb-mapping.js';

const created = new Date('2026-01-02T03:04:05.678Z');

function esdbEvent(overrides: Partial<Record<keyof EsdbRecordedEvent, unknown>> = {}): EsdbRecordedEvent {
  return {
    streamId: 'learner-1',
    id: '6f1c1d8e-2d6a-4f8e-9d5e-0c3b2a1f0e9d',
    isJson: true,
    revision: 4n,
    type: 'EvidenceRecorded',
    created,
    data: { a: 1 },
    metadata: { occurredAt: '2019-05-01T09:30:00.000Z', tenantId: 'org-42', schemaVersion: 3, $correlationId: 'c' },
    position: { commit: 2048n, prepare: 1024n },
    ...overrides,
  } as EsdbRecordedEvent;
}

describe('expected revision mapping', () => {
  it('maps each of ours to the client constant or the exact revision', () => {
    expect(toEsdbExpectedRevision('any')).toBe(ANY);
    expect(toEsdbExpectedRevision('no_stream')).toBe(NO_STREAM);
    expect(toEsdbExpectedRevision('stream_exists')).toBe(STREAM_EXISTS);
    expect(toEsdbExpectedRevision(7n)).toBe(7n);
    expect(toEsdbExpectedRevision(0n)).toBe(0n);
  });

  it('reads the actual revision, with a missing or negative one meaning no stream', () => {
    expect(toActualRevision(3n)).toBe(3n);
    expect(toActualRevision(0n)).toBe(0n);
    expect(toActualRevision('no_stream')).toBe('no_stream');
    expect(toActualRevision(-1n)).toBe('no_stream');
    expect(toActualRevision(undefined)).toBe('no_stream');
  });
});

describe('read position mapping', () => {
  it('turns our START or no position into the edge of the log', () => {
    expect(toReadPosition(START, 'start')).toBe(ESDB_START);
    expect(toReadPosition(undefined, 'start')).toBe(ESDB_START);
    expect(toReadPosition(undefined, 'end')).toBe(END);
  });

  it('passes a real position through', () => {
    expect(toReadPosition({ commit: 10n, prepare: 9n }, 'start')).toEqual({ commit: 10n, prepare: 9n });
  });
});

describe('event mapping on write', () => {
  const metadata = {
    eventId: randomUUID(),
    correlationId: 'corr-1',
    causationId: 'cause-1',
    tenantId: 'org-42',
    actor: 'user-7',
    occurredAt: '2019-05-01T09:30:00.000Z',
  };
  const prepared = prepareEvent(
    'learner-1',
    { type: 'EvidenceRecorded', version: 2, data: { x: [1] }, metadata },
    1024,
    created,
  );

  it('puts our metadata, the schema version and ESDB correlation/causation ids in the ESDB metadata, not the event id', () => {
    expect(toEsdbMetadata(prepared)).toEqual({
      correlationId: 'corr-1',
      causationId: 'cause-1',
      tenantId: 'org-42',
      actor: 'user-7',
      occurredAt: '2019-05-01T09:30:00.000Z',
      schemaVersion: 2,
      $correlationId: 'corr-1',
      $causationId: 'cause-1',
    });
  });

  it('leaves out $correlationId and $causationId when there are none', () => {
    const bare = prepareEvent('s', { type: 'A', data: null }, 1024, created);
    expect(toEsdbMetadata(bare)).toEqual({ occurredAt: created.toISOString(), schemaVersion: 1 });
  });

  it('uses our event id as the ESDB event id and writes JSON', () => {
    expect(toEsdbEventData(prepared)).toMatchObject({
      id: metadata.eventId,
      contentType: 'application/json',
      type: 'EvidenceRecorded',
      data: { x: [1] },
    });
  });
});

describe('event mapping on read', () => {
  it('maps position, revision, type, version, data, metadata and recorded-at', () => {
    expect(toRecordedEvent(esdbEvent())).toEqual({
      streamId: 'learner-1',
      revision: 4n,
      position: { commit: 2048n, prepare: 1024n },
      type: 'EvidenceRecorded',
      version: 3,
      data: { a: 1 },
      metadata: {
        eventId: '6f1c1d8e-2d6a-4f8e-9d5e-0c3b2a1f0e9d',
        occurredAt: '2019-05-01T09:30:00.000Z',
        tenantId: 'org-42',
      },
      recordedAt: '2026-01-02T03:04:05.678Z',
    });
  });

  it('round-trips what the write mapping stores', () => {
    const metadata = {
      eventId: randomUUID(),
      correlationId: 'c1',
      actor: 'system',
      occurredAt: '2020-01-01T00:00:00.000Z',
    };
    const prepared = prepareEvent('s', { type: 'T', version: 5, data: [1, 'x'], metadata }, 1024, created);
    const written = toEsdbEventData(prepared);
    const read = toRecordedEvent(
      esdbEvent({ id: written.id, type: written.type, data: written.data, metadata: written.metadata }),
    );
    expect(read.metadata).toEqual(metadata);
    expect(read.version).toBe(5);
    expect(read.data).toEqual([1, 'x']);
  });

  it('falls back to the commit position when an old server leaves the event position out, else to START', () => {
    expect(toRecordedEvent(esdbEvent({ position: undefined }), 77n).position).toEqual({ commit: 77n, prepare: 77n });
    expect(toRecordedEvent(esdbEvent({ position: undefined })).position).toEqual(START);
  });

  it('maps events written by other tools: no or binary metadata becomes version 1 occurred at creation', () => {
    for (const raw of [undefined, new Uint8Array([1, 2]), 'text', [1]]) {
      expect(readEsdbMetadata('id-1', raw, created)).toEqual({
        metadata: { eventId: 'id-1', occurredAt: created.toISOString() },
        version: 1,
      });
    }
    expect(readEsdbMetadata('id-1', { schemaVersion: 0 }, created).version).toBe(1);
    expect(readEsdbMetadata('id-1', { schemaVersion: 'two' }, created).version).toBe(1);
  });
});

describe('filters', () => {
  it('builds an exact-match regex for event types, escaping regex characters', () => {
    const regex = exactNamesRegex(['Order.Placed', 'a+b', 'x|y']);
    expect(regex).toBe('^(?:Order\\.Placed|a\\+b|x\\|y)$');
    const js = new RegExp(regex);
    expect(['Order.Placed', 'a+b', 'x|y'].every((t) => js.test(t))).toBe(true);
    expect(['OrderXPlaced', 'aab', 'x', 'Order.Placed2', 'pre-a+b'].some((t) => js.test(t))).toBe(false);
  });

  it('filters on the server by event type first, else by stream prefix, else excludes system events', () => {
    expect(toServerFilter({ eventTypes: ['A', 'B'], streamPrefixes: ['p-'] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^(?:A|B)$',
    });
    expect(toServerFilter({ streamPrefixes: ['p-', 'q-'] })).toMatchObject({
      filterOn: 'streamName',
      prefixes: ['p-', 'q-'],
    });
    expect(toServerFilter({ eventTypes: [], streamPrefixes: [] })).toMatchObject({
      filterOn: 'eventType',
      regex: '^[^$].*',
    });
    expect(toServerFilter(undefined)).toMatchObject({ filterOn: 'eventType', regex: '^[^$].*' });
  });

  it('filters on this side by both, and always leaves out system events', () => {
    const filter = { eventTypes: ['A'], streamPrefixes: ['p-'] };
    expect(matchesLogFilter({ type: 'A', streamId: 'p-1' }, filter)).toBe(true);
    expect(matchesLogFilter({ type: 'B', streamId: 'p-1' }, filter)).toBe(false);
    expect(matchesLogFilter({ type: 'A', streamId: 'q-1' }, filter)).toBe(false);
    expect(matchesLogFilter({ type: '$statistics-collected', streamId: '$stats-1' }, undefined)).toBe(false);
    expect(matchesLogFilter({ type: '$>', streamId: 'p-1' }, { streamPrefixes: ['p-'] })).toBe(false);
    expect(matchesLogFilter({ type: 'A', streamId: 'anything' }, {})).toBe(true);
  });
});

describe('error translation', () => {
  const address = 'esdb://db:2113?tls=false';

  it('turns WrongExpectedVersionError into WrongExpectedRevisionError with our expected and the actual revision', () => {
    const conflict = new WrongExpectedVersionError(undefined, { streamName: 's', expected: 0n, current: 1n });
    const translated = translateEsdbError(conflict, address, { streamId: 's', expected: 0n });
    expect(translated).toBeInstanceOf(WrongExpectedRevisionError);
    expect(translated).toMatchObject({ streamId: 's', expected: 0n, actual: 1n });
    expect((translated as Error).message).toMatch(/expected revision 0, but the stream is at 1/);

    const missing = new WrongExpectedVersionError(undefined, {
      streamName: 's',
      expected: STREAM_EXISTS,
      current: NO_STREAM,
    });
    expect(translateEsdbError(missing, address, { streamId: 's', expected: 'stream_exists' })).toMatchObject({
      expected: 'stream_exists',
      actual: 'no_stream',
    });
  });

  it('turns the server append size limit into InvalidEventError', () => {
    const tooBig = MaxAppendSizeExceededError.fromMaxAppendSize(1_048_576);
    const translated = translateEsdbError(tooBig, address, { streamId: 's', expected: 'any' });
    expect(translated).toBeInstanceOf(InvalidEventError);
    expect((translated as Error).message).toMatch(/maximum append size of 1048576 bytes/);
  });

  it('treats raw gRPC code 14, UnavailableError and deadline errors as an unavailable server', () => {
    const raw = Object.assign(new Error('14 UNAVAILABLE: No connection established'), { code: 14 });
    for (const error of [raw, new UnavailableError(), Object.assign(new Error('deadline'), { code: 4 })]) {
      expect(isConnectionFailure(error)).toBe(true);
      const translated = translateEsdbError(error, address);
      expect(translated).toBeInstanceOf(EventStoreUnavailableError);
      expect((translated as Error).message).toContain(`EventStoreDB at ${address} (EVENTSTORE_URL) is unavailable`);
      expect((translated as Error).cause).toBe(error);
    }
  });

  it('passes anything else through unchanged', () => {
    const notFound = new StreamNotFoundError(undefined, 's');
    expect(translateEsdbError(notFound, address)).toBe(notFound);
    const other = new Error('boom');
    expect(translateEsdbError(other, address)).toBe(other);
    expect(isConnectionFailure(null)).toBe(false);
  });

  it('redacts the password of a connection string', () => {
    expect(redactConnectionString('esdb://admin:changeit@node1:2113,node2:2113?tls=true')).toBe(
      'esdb://admin:***@node1:2113,node2:2113?tls=true',
    );
    expect(redactConnectionString('esdb+discover://u:p@cluster.local:2113')).toBe(
      'esdb+discover://u:***@cluster.local:2113',
    );
    expect(redactConnectionString('esdb://localhost:2113?tls=false')).toBe('esdb://localhost:2113?tls=false');
  });
});
