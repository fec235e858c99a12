import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { WrongExpectedRevisionError } from '../errors.js';
import { comparePositions, START, type Position, type RecordedEvent } from '../event.js';
import type { AppendResult, EventStore, ExpectedRevision, LogFilter, ReadStreamOptions } from '../event-store.port.js';
import { LogModel, type ModelEvent, type ModelNewEvent } from './log-model.js';

/**
 * Revisions and counts where a store goes wrong if it compares revisions as text ('10' < '9') or
 * counts off by one: each side of 10, 100 and 1000.
 */
const BOUNDARIES = [0, 1, 2, 8, 9, 10, 11, 98, 99, 100, 101, 998, 999, 1000, 1001];

export interface ModelContractContext {
  store: EventStore;
  atomicMultiStreamAppend: boolean;
  uniquePrefix(): string;
}

/**
 * Part of the event store contract: long streams read every way, and random appends and reads
 * compared with `LogModel`. Every adapter runs it through `describeEventStoreContract`.
 */
export function describeReadsAgainstModel(context: () => ModelContractContext): void {
  describe('reads against a model of the log', () => {
    describe('a stream of 2,500 events', () => {
      const LENGTH = 2_500;
      let store: EventStore;
      let streamId: string;
      const model = new LogModel();

      beforeAll(async () => {
        store = context().store;
        const prefix = context().uniquePrefix();
        streamId = `${prefix}long`;
        // Appends end exactly at revisions 9, 10, 99, 100, 999 and 1000, each with the exact expected
        // revision a command would use; another stream's events fall between them in the log.
        let n = 0;
        for (const size of [1, 8, 1, 1, 88, 1, 1, 898, 1, 1, 1_499]) {
          const events = Array.from({ length: size }, () => ({
            eventId: randomUUID(),
            type: 'Long',
            data: { n: n++ },
          }));
          const head = model.stream(streamId).length;
          const result = await appendBoth(store, model, {
            streamId,
            events,
            expectedRevision: head === 0 ? 'no_stream' : BigInt(head - 1),
          });
          expect(result.nextExpectedRevision).toBe(BigInt(model.stream(streamId).length - 1));
          await store.append({ streamId: `${prefix}between`, events: [{ type: 'Between', data: {} }] });
        }
        expect(model.stream(streamId)).toHaveLength(LENGTH);
      });

      it('reads whole, forwards and backwards, in revision order', async () => {
        await expectRead(store, model, streamId, {});
        await expectRead(store, model, streamId, { direction: 'backwards' });
      });

      it('reads from each side of 10, 100 and 1000 and from both ends, with limits on each side of them, both ways', async () => {
        const froms = [undefined, 0, 9, 10, 99, 100, 999, 1000, LENGTH - 1];
        const limits = [undefined, 0, 1, 10, 11, 101, 1001];
        for (const direction of ['forwards', 'backwards'] as const) {
          for (const from of froms) {
            for (const maxCount of limits) {
              await expectRead(store, model, streamId, {
                direction,
                fromRevision: from === undefined ? undefined : BigInt(from),
                maxCount,
              });
            }
          }
        }
      });

      it('reads from any revision with any limit, both ways (property)', async () => {
        const revision = fc.oneof(fc.constantFrom(...BOUNDARIES, LENGTH - 1), fc.integer({ min: 0, max: LENGTH }));
        await fc.assert(
          fc.asyncProperty(
            fc.boolean(),
            fc.option(revision),
            fc.option(limitArbitrary(LENGTH + 10)),
            async (backwards, from, maxCount) => {
              const fromRevision = from === null ? undefined : BigInt(clampFrom(from, LENGTH, backwards));
              await expectRead(store, model, streamId, {
                direction: backwards ? 'backwards' : 'forwards',
                fromRevision,
                maxCount: maxCount ?? undefined,
              });
            },
          ),
          { numRuns: 25 },
        );
      });
    });

    it('random appends (expected revision any, no_stream, stream_exists, right, wrong) and reads of streams and of the log match the model (property)', async () => {
      const { store, atomicMultiStreamAppend, uniquePrefix } = context();
      await fc.assert(
        fc.asyncProperty(
          fc.array(operationArbitrary(atomicMultiStreamAppend), { minLength: 10, maxLength: 30 }),
          async (operations) => {
            const run = await startRun(store, uniquePrefix());
            for (const operation of operations) await perform(run, operation);
            for (const streamId of run.streamIds) {
              await expectRead(store, run.model, streamId, {});
              await expectRead(store, run.model, streamId, { direction: 'backwards' });
            }
          },
        ),
        { numRuns: 12 },
      );
    });
  });
}

// ---- operations of the property test --------------------------------------------------------

type ExpectedPick = 'any' | 'no_stream' | 'stream_exists' | 'right' | { wrong: number };
/** A revision relative to the stream's length when the operation runs: a fixed boundary, or a fraction of the stream. */
type RevisionPick = { at: number } | { fraction: number };

type Operation =
  | { kind: 'append'; stream: number; count: number; type: number; expected: ExpectedPick }
  | { kind: 'appendMany'; streams: [number, number]; counts: [number, number]; expected: [ExpectedPick, ExpectedPick] }
  | { kind: 'readStream'; stream: number; backwards: boolean; from: RevisionPick | null; maxCount: number | null }
  | { kind: 'readStreams'; streams: number[]; backwards: boolean; maxCount: number | null }
  | { kind: 'readAll'; after: number | 'start'; maxCount: number; prefixes: number[]; types: number[] };

/** Stream names under the run's prefix: `s1` is also a prefix of `s1-x`, so prefix filters overlap. */
const STREAM_NAMES = ['s0', 's1', 's1-x'];
const PREFIX_NAMES = ['', 's0', 's1', 's1-'];
const TYPE_NAMES = ['A', 'B', 'C'];

/** Mostly small appends; now and then hundreds, so a run's streams cross 10, 100 and sometimes 1000. */
const countArbitrary = fc.oneof(
  { weight: 6, arbitrary: fc.integer({ min: 1, max: 3 }) },
  { weight: 3, arbitrary: fc.integer({ min: 4, max: 30 }) },
  { weight: 1, arbitrary: fc.integer({ min: 80, max: 700 }) },
);

/** Mostly appends that hold, as commands make them, so streams grow; a third or so fail. */
const expectedArbitrary: fc.Arbitrary<ExpectedPick> = fc.oneof(
  { weight: 4, arbitrary: fc.constant<ExpectedPick>('right') },
  { weight: 3, arbitrary: fc.constant<ExpectedPick>('any') },
  { weight: 2, arbitrary: fc.constantFrom<ExpectedPick>('no_stream', 'stream_exists') },
  {
    weight: 2,
    arbitrary: fc.record({
      wrong: fc.oneof(fc.integer({ min: -3, max: 3 }), fc.integer({ min: -1200, max: 1200 })).filter((d) => d !== 0),
    }),
  },
);

const revisionArbitrary: fc.Arbitrary<RevisionPick> = fc.oneof(
  fc.record({ at: fc.constantFrom(...BOUNDARIES) }),
  fc.record({ fraction: fc.double({ min: 0, max: 1, noNaN: true }) }),
);

function limitArbitrary(max: number): fc.Arbitrary<number> {
  return fc.oneof(fc.constantFrom(0, ...BOUNDARIES.filter((b) => b > 0)), fc.integer({ min: 1, max }));
}

function operationArbitrary(atomicMultiStreamAppend: boolean): fc.Arbitrary<Operation> {
  const stream = fc.integer({ min: 0, max: STREAM_NAMES.length - 1 });
  const append = fc.record({
    kind: fc.constant('append' as const),
    stream,
    count: countArbitrary,
    type: fc.integer({ min: 0, max: 2 }),
    expected: expectedArbitrary,
  });
  const appendMany = fc.record({
    kind: fc.constant('appendMany' as const),
    streams: fc.uniqueArray(stream, { minLength: 2, maxLength: 2 }) as fc.Arbitrary<[number, number]>,
    counts: fc.tuple(countArbitrary, countArbitrary),
    expected: fc.tuple(expectedArbitrary, expectedArbitrary),
  });
  const readStream = fc.record({
    kind: fc.constant('readStream' as const),
    stream,
    backwards: fc.boolean(),
    from: fc.option(revisionArbitrary),
    maxCount: fc.option(limitArbitrary(1500)),
  });
  const readStreams = fc.record({
    kind: fc.constant('readStreams' as const),
    streams: fc.subarray(STREAM_NAMES.map((_, i) => i)),
    backwards: fc.boolean(),
    maxCount: fc.option(limitArbitrary(1500)),
  });
  const readAll = fc.record({
    kind: fc.constant('readAll' as const),
    after: fc.oneof(fc.constant('start' as const), fc.nat()),
    maxCount: fc.oneof(fc.integer({ min: 0, max: 12 }), fc.constantFrom(99, 100, 101, 1000)),
    prefixes: fc.subarray([0, 1, 2, 3]),
    types: fc.subarray([0, 1, 2]),
  });
  return fc.oneof(
    { weight: 4, arbitrary: append },
    ...(atomicMultiStreamAppend ? [{ weight: 1, arbitrary: appendMany }] : []),
    { weight: 3, arbitrary: readStream },
    { weight: 1, arbitrary: readStreams },
    { weight: 2, arbitrary: readAll },
  );
}

interface Run {
  store: EventStore;
  prefix: string;
  streamIds: string[];
  model: LogModel;
  /** Places in the log to read after: how many of the model's events come before, and the store's position there. */
  marks: { index: number; position: Position }[];
}

async function startRun(store: EventStore, prefix: string): Promise<Run> {
  return {
    store,
    prefix,
    streamIds: STREAM_NAMES.map((name) => `${prefix}${name}`),
    model: new LogModel(),
    // Nothing else writes while the contract runs, so after the head every event is this run's.
    marks: [{ index: 0, position: await store.headPosition() }],
  };
}

async function perform(run: Run, operation: Operation): Promise<void> {
  switch (operation.kind) {
    case 'append': {
      const streamId = run.streamIds[operation.stream]!;
      const request = {
        streamId,
        events: newEvents(operation.count, `${run.prefix}${TYPE_NAMES[operation.type]}`),
        expectedRevision: resolveExpected(run.model, streamId, operation.expected),
      };
      await appendManyBoth(run, [request]);
      return;
    }
    case 'appendMany': {
      const requests = operation.streams.map((s, i) => {
        const streamId = run.streamIds[s]!;
        return {
          streamId,
          events: newEvents(operation.counts[i]!, `${run.prefix}${TYPE_NAMES[i]}`),
          expectedRevision: resolveExpected(run.model, streamId, operation.expected[i]!),
        };
      });
      await appendManyBoth(run, requests);
      return;
    }
    case 'readStream': {
      const streamId = run.streamIds[operation.stream]!;
      const length = run.model.stream(streamId).length;
      const fromRevision =
        operation.from === null
          ? undefined
          : BigInt(clampFrom(resolveRevision(operation.from, length), length, operation.backwards));
      await expectRead(run.store, run.model, streamId, {
        direction: operation.backwards ? 'backwards' : 'forwards',
        fromRevision,
        maxCount: operation.maxCount ?? undefined,
      });
      return;
    }
    case 'readStreams':
      await expectReadStreams(run, operation);
      return;
    case 'readAll':
      await expectReadAll(run, operation);
  }
}

function newEvents(count: number, type: string): ModelNewEvent[] {
  return Array.from({ length: count }, (_, i) => ({ eventId: randomUUID(), type, data: { i } }));
}

function resolveExpected(model: LogModel, streamId: string, pick: ExpectedPick): ExpectedRevision {
  const last = model.stream(streamId).length - 1;
  if (pick === 'right') return last < 0 ? 'no_stream' : BigInt(last);
  if (typeof pick === 'string') return pick;
  // A wrong exact revision: never the right one, never below -1.
  const wrong = last + pick.wrong;
  return BigInt(wrong >= -1 && wrong !== last ? wrong : last + 1);
}

function resolveRevision(pick: RevisionPick, length: number): number {
  return 'at' in pick ? pick.at : Math.floor(pick.fraction * length);
}

/**
 * Forwards from any revision up to the next one to be written (which reads nothing); backwards from
 * a revision the stream has. Backwards from beyond the end is left out: the port does not say
 * whether that reads from the last event or counts the limit from the revision asked for.
 */
function clampFrom(revision: number, length: number, backwards: boolean): number {
  return Math.max(0, Math.min(revision, backwards ? length - 1 : length));
}

// ---- the same operation on the store and on the model ----------------------------------------

/** An append as the model takes it: the events carry the ids the store is given. */
interface ModelAppend {
  streamId: string;
  expectedRevision: ExpectedRevision;
  events: ModelNewEvent[];
}

async function appendBoth(store: EventStore, model: LogModel, request: ModelAppend): Promise<AppendResult> {
  const [result] = await appendRequests(store, model, [request]);
  return result!;
}

/** Appends on the store and, when the model says it succeeds, on the model; checks the outcome matches. */
async function appendRequests(store: EventStore, model: LogModel, requests: ModelAppend[]): Promise<AppendResult[]> {
  const conflicts = requests.map((r) => model.conflict(r.streamId, r.expectedRevision));
  const failing = conflicts.findIndex((c) => c !== undefined);
  const toStore = requests.map((r) => ({
    ...r,
    events: r.events.map(({ eventId, type, data }) => ({ type, data, metadata: { eventId } })),
  }));
  const attempt =
    toStore.length === 1 ? store.append(toStore[0]!).then((result) => [result]) : store.appendMany(toStore);
  if (failing >= 0) {
    // All or nothing: the first request that does not hold is named, and no stream is written.
    const error = await attempt.then(
      () => undefined,
      (e: unknown) => e,
    );
    const request = requests[failing]!;
    expect(error, `append to ${request.streamId} expecting ${String(request.expectedRevision)}`).toBeInstanceOf(
      WrongExpectedRevisionError,
    );
    expect(error).toMatchObject({
      streamId: request.streamId,
      expected: request.expectedRevision,
      actual: conflicts[failing],
    });
    return [];
  }
  const results = await attempt;
  const revisions = requests.map((r) => model.append(r.streamId, r.events));
  expect(results.map((r) => r.nextExpectedRevision)).toEqual(revisions);
  return results;
}

async function appendManyBoth(run: Run, requests: ModelAppend[]): Promise<void> {
  const results = await appendRequests(run.store, run.model, requests);
  if (results.length === 0) return;
  const last = results.map((r) => r.position).reduce((a, b) => (comparePositions(a, b) >= 0 ? a : b));
  run.marks.push({ index: run.model.log.length, position: last });
}

async function expectRead(
  store: EventStore,
  model: LogModel,
  streamId: string,
  options: ReadStreamOptions,
): Promise<void> {
  const actual = await store.readStream(streamId, options);
  expectEvents(actual, model.readStream(streamId, options), `readStream(${streamId}, ${describeOptions(options)})`);
  for (let i = 1; i < actual.length; i++) {
    const order = comparePositions(actual[i - 1]!.position, actual[i]!.position);
    if (options.direction === 'backwards' ? order <= 0 : order >= 0) {
      throw new Error(
        `readStream(${streamId}, ${describeOptions(options)}): positions out of revision order at index ${i}`,
      );
    }
  }
}

/** Each stream as the model reads it alone, every one asked for present (also the streams not written yet). */
async function expectReadStreams(run: Run, operation: Extract<Operation, { kind: 'readStreams' }>): Promise<void> {
  const streamIds = operation.streams.map((s) => run.streamIds[s]!);
  const options: ReadStreamOptions = {
    direction: operation.backwards ? 'backwards' : 'forwards',
    maxCount: operation.maxCount ?? undefined,
  };
  const read = await run.store.readStreams(streamIds, options);
  expect([...read.keys()].sort()).toEqual([...streamIds].sort());
  for (const streamId of streamIds) {
    const what = `readStreams([${streamIds.join(', ')}], ${describeOptions(options)}) of ${streamId}`;
    expectEvents(read.get(streamId)!, run.model.readStream(streamId, options), what);
  }
}

async function expectReadAll(run: Run, operation: Extract<Operation, { kind: 'readAll' }>): Promise<void> {
  const filter: LogFilter = {
    ...(operation.prefixes.length
      ? { streamPrefixes: operation.prefixes.map((p) => `${run.prefix}${PREFIX_NAMES[p]}`) }
      : {}),
    ...(operation.types.length ? { eventTypes: operation.types.map((t) => `${run.prefix}${TYPE_NAMES[t]}`) } : {}),
  };
  const filtered = operation.prefixes.length > 0 || operation.types.length > 0;
  // From the start of the log only with a filter that keeps this run's events alone.
  const mark =
    operation.after === 'start' && filtered
      ? { index: 0, position: START }
      : run.marks[(operation.after === 'start' ? 0 : operation.after) % run.marks.length]!;
  const what = `readAll(after ${mark.position.commit}, maxCount ${operation.maxCount}, ${JSON.stringify(filter)})`;
  const page = await run.store.readAll({ after: mark.position, maxCount: operation.maxCount, filter });
  const expected = run.model.readAll(mark.index, operation.maxCount, filter);
  expectEvents(page.events, expected, what);
  const lastRead = page.events.at(-1)?.position ?? mark.position;
  if (page.events.length === operation.maxCount) {
    expect(comparePositions(page.lastPosition, lastRead), `${what}: a full page ends at its last event`).toBe(0);
  } else {
    expect(
      comparePositions(page.lastPosition, lastRead),
      `${what}: lastPosition is not before what was read`,
    ).toBeGreaterThanOrEqual(0);
  }
  // Reading on from lastPosition neither skips nor repeats an event.
  const next = await run.store.readAll({ after: page.lastPosition, maxCount: operation.maxCount, filter });
  const lastIndex = expected.length ? run.model.log.indexOf(expected.at(-1)!) + 1 : mark.index;
  const rest = expected.length < operation.maxCount ? [] : run.model.readAll(lastIndex, operation.maxCount, filter);
  expectEvents(next.events, rest, `${what}, then after its lastPosition`);
}

/** Compares what a store read with what the model says, naming the first difference. */
function expectEvents(actual: readonly RecordedEvent[], expected: readonly ModelEvent[], what: string): void {
  const summary = (e: { streamId: string; revision: bigint }) => `${e.streamId}@${e.revision}`;
  for (let i = 0; i < Math.max(actual.length, expected.length); i++) {
    const a = actual[i];
    const e = expected[i];
    const same =
      a &&
      e &&
      a.streamId === e.streamId &&
      a.revision === e.revision &&
      a.metadata.eventId === e.eventId &&
      a.type === e.type;
    if (!same) {
      throw new Error(
        `${what}: ${actual.length} events, the model has ${expected.length}; first difference at index ${i}: ` +
          `got ${a ? summary(a) : 'nothing'}, expected ${e ? summary(e) : 'nothing'}`,
      );
    }
    expect(a.data).toEqual(e.data);
  }
}

function describeOptions(options: ReadStreamOptions): string {
  const backwards = options.direction === 'backwards';
  return `${backwards ? 'backwards' : 'forwards'} from ${options.fromRevision ?? (backwards ? 'the last' : 'the first')}, maxCount ${options.maxCount ?? 'none'}`;
}
