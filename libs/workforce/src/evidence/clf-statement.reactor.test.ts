import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, type RecordedEvent } from '#libs/event-store';
import { CLF_ACTIVITY_TYPES, CLF_VERBS, findIndicator } from '#libs/framework';
import { liveSchema, projectionMigrations, ProjectionRunner, waitForProjection } from '#libs/projections';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { STATEMENT_STORED, statementStreamId } from '#libs/xapi';
import { WORKFORCE_EVENTS as EV, evidenceStream, identifierStream, workerStream } from '../domain/events.js';
import { workerIdFor } from '../domain/identifiers.js';
import { WorkforceStreams } from '../shared/workforce-streams.service.js';
import { readClaim } from '../workers/identifier-claims.js';
import { RegisterWorker, parseRegisterWorker } from '../workers/register-worker/register-worker.command.js';
import { RegisterWorkerHandler } from '../workers/register-worker/register-worker.handler.js';
import { WORKFORCE_PROJECTION, workforceProjection } from '../read-model/workforce.projection.js';
import { reactToStatements } from './clf-statement.reactor.js';

/** The reactor against a real PostgreSQL event store: idempotent under retries and concurrent runs. */
let db: TestDatabase;
let store: PostgresEventStore;
let runner: ProjectionRunner;

beforeAll(async () => {
  db = await createTestDatabase();
  await runMigrations(db.pool, [...eventStoreMigrations, ...projectionMigrations]);
  store = new PostgresEventStore(db.pool);
  // The read model the /api command waits for; the reactor itself is called directly here.
  runner = new ProjectionRunner({ pool: db.pool, store, projections: [workforceProjection], leaseRetryMs: 50 });
  runner.start();
});

afterAll(async () => {
  await runner?.stop();
  await store?.close();
  await db?.drop();
});

const demonstrated = (actor: object, indicatorId: string, minute: number) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', ...actor },
  verb: { id: CLF_VERBS.demonstrated },
  object: {
    objectType: 'Activity',
    id: findIndicator(indicatorId)!.iri,
    definition: { type: CLF_ACTIVITY_TYPES.indicator },
  },
  result: { success: true },
  timestamp: new Date(Date.UTC(2025, 0, 1, 9, minute)).toISOString(),
});
const voiding = (actor: object, target: string) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', ...actor },
  verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
  object: { objectType: 'StatementRef', id: target },
  timestamp: '2025-06-01T00:00:00Z',
});

/** Stores statements as the LRS does and returns their StatementStored events, as a subscriber gets them. */
async function stored(organisationId: string, statements: Record<string, unknown>[]): Promise<RecordedEvent[]> {
  await store.appendMany(
    statements.map((statement) => ({
      streamId: statementStreamId(organisationId, statement.id as string),
      expectedRevision: 'no_stream' as const,
      events: [
        { type: STATEMENT_STORED, data: { statement }, metadata: { tenantId: organisationId, actor: 'lms-key' } },
      ],
    })),
  );
  const events = await Promise.all(
    statements.map((s) => store.readStream(statementStreamId(organisationId, s.id as string))),
  );
  return events.map(([e]) => e!);
}

async function eventsOf(streamId: string) {
  return (await store.readStream(streamId)).map((e) => e.type);
}

describe('the evidence reactor', () => {
  it('retried over the same statements it appends nothing new, and finishes what a failed run left', async () => {
    const actors = Array.from({ length: 4 }, (_, i) => ({ mbox: `mailto:retry-${i}@example.org` }));
    const statements: { id: string }[] = actors.flatMap((actor, i) => [
      demonstrated(actor, 'pc.teamwork.engaged.1', i),
      demonstrated(actor, 'pc.empathy.engaged.1', i),
    ]);
    statements.push(voiding(actors[0]!, statements[0]!.id));
    const events = await stored('org-r', statements);

    // A first run that got through part of the batch only (e.g. the process stopped).
    await reactToStatements(store, events.slice(0, 3));
    const partial = await store.headPosition();
    await reactToStatements(store, events);
    const full = await store.headPosition();
    expect(full.commit).toBeGreaterThan(partial.commit);
    await reactToStatements(store, events);
    await reactToStatements(store, events.slice(2));
    expect(await store.headPosition()).toEqual(full);

    for (const actor of actors) {
      const ifi = `mbox:${actor.mbox}`;
      expect(await eventsOf(workerStream(workerIdFor(ifi)))).toEqual([
        EV.workerRegistered,
        EV.workerJoinedOrganisation,
      ]);
      expect(await eventsOf(identifierStream(ifi))).toEqual([EV.identifierClaimed]);
    }
    expect(await eventsOf(evidenceStream('org-r', statements[0]!.id))).toEqual([
      EV.evidenceRecorded,
      EV.evidenceWithdrawn,
    ]);
    for (const s of statements.slice(1, -1))
      expect(await eventsOf(evidenceStream('org-r', s.id))).toEqual([EV.evidenceRecorded]);
  });

  it('two processes reacting to the same batch at once register each worker and record each piece of evidence once', async () => {
    const actors = Array.from({ length: 10 }, (_, i) => ({
      account: { homePage: 'https://lms.example.org', name: `race-${i}` },
    }));
    const statements = actors.flatMap((actor, i) =>
      Array.from({ length: 5 }, (_, n) => demonstrated(actor, 'pc.initiative.engaged.1', i * 5 + n)),
    );
    const events = await stored('org-c', statements);
    await Promise.all([
      reactToStatements(store, events),
      reactToStatements(store, events),
      reactToStatements(store, [...events].reverse()),
    ]);
    for (const actor of actors) {
      const ifi = `account:${actor.account.homePage} ${actor.account.name}`;
      expect(await eventsOf(workerStream(workerIdFor(ifi)))).toEqual([
        EV.workerRegistered,
        EV.workerJoinedOrganisation,
      ]);
      expect(await eventsOf(identifierStream(ifi))).toEqual([EV.identifierClaimed]);
    }
    for (const s of statements) expect(await eventsOf(evidenceStream('org-c', s.id))).toEqual([EV.evidenceRecorded]);
  });

  it('an LMS statement and an /api registration racing for one identifier end with one holder, whose record it is', async () => {
    for (let round = 0; round < 5; round++) {
      const shared = { mbox: `mailto:shared-${round}@example.org` };
      const ifi = `mbox:${shared.mbox}`;
      const [event] = await stored('org-x', [demonstrated(shared, 'pc.flexibility.engaged.1', round)]);
      const command = parseRegisterWorker({
        name: 'Registered',
        identifiers: [{ mbox: `mailto:first-${round}@example.org` }, shared],
      });
      await Promise.all([reactToStatements(store, [event!]), registerWorker(command)]);
      // Whichever came first, the registered worker holds the identifier in the end (a worker seen only
      // in statements hands it over) and the evidence is recorded once.
      expect((await readClaim(store, ifi))!.owner).toBe(command.workerId);
      const statementId = (event!.data as { statement: { id: string } }).statement.id;
      const evidence = await store.readStream(evidenceStream('org-x', statementId));
      expect(evidence.map((e) => e.type)).toEqual([EV.evidenceRecorded]);
      const recordedFor = (evidence[0]!.data as { workerId: string }).workerId;
      if (recordedFor !== command.workerId) {
        // The reactor won: its worker was merged into the registered one.
        expect(recordedFor).toBe(workerIdFor(ifi));
        expect((await store.readStream(workerStream(recordedFor))).map((e) => e.type)).toContain(EV.workerMerged);
      }
    }
  });
});

const completedCourse = (actor: object) => ({
  id: randomUUID(),
  actor: { objectType: 'Agent', ...actor },
  verb: { id: 'http://adlnet.gov/expapi/verbs/completed' },
  object: { objectType: 'Activity', id: 'https://lms.example.org/courses/moving-and-handling' },
  result: { completion: true, duration: 'PT45M' },
  timestamp: '2025-02-01T10:00:00Z',
});

async function recordOf(statementId: string) {
  await waitForProjection(db.pool, WORKFORCE_PROJECTION, await store.headPosition());
  const { rows } = await db.pool.query<{ worker_id: string; kind: string; withdrawn: boolean }>(
    `select worker_id, kind, withdrawn_at is not null as withdrawn from ${liveSchema(WORKFORCE_PROJECTION)}.records where statement_id = $1`,
    [statementId],
  );
  return rows;
}

describe('plain learning records (no CLF template matched)', () => {
  it('register an unknown actor but append no evidence event; the record lists them, and voiding withdraws them', async () => {
    const actor = { mbox: 'mailto:plain-learner@example.org' };
    const ifi = `mbox:${actor.mbox}`;
    const course = completedCourse(actor);
    await reactToStatements(store, await stored('org-p', [course]));
    expect(await eventsOf(evidenceStream('org-p', course.id))).toEqual([]);
    expect(await eventsOf(workerStream(workerIdFor(ifi)))).toEqual([EV.workerRegistered, EV.workerJoinedOrganisation]);
    expect(await recordOf(course.id)).toEqual([
      { worker_id: workerIdFor(ifi), kind: 'learning-record', withdrawn: false },
    ]);

    await reactToStatements(store, await stored('org-p', [voiding(actor, course.id)]));
    expect(await eventsOf(evidenceStream('org-p', course.id))).toEqual([]);
    expect(await recordOf(course.id)).toEqual([
      { worker_id: workerIdFor(ifi), kind: 'learning-record', withdrawn: true },
    ]);
  });

  it("stored before an /api registration claimed its identifier, a plain record is the registered worker's", async () => {
    const actor = { mbox: 'mailto:plain-then-registered@example.org' };
    const course = completedCourse(actor);
    const events = await stored('org-p', [course]);
    // Not the first identifier: the worker's id is not the one derived from the statement's actor.
    const command = parseRegisterWorker({
      name: 'Registered later',
      identifiers: [{ mbox: 'mailto:registered-first@example.org' }, actor],
    });
    await registerWorker(command);
    await reactToStatements(store, events);
    expect((await readClaim(store, `mbox:${actor.mbox}`))!.owner).toBe(command.workerId);
    expect(await recordOf(course.id)).toEqual([
      { worker_id: command.workerId, kind: 'learning-record', withdrawn: false },
    ]);
  });
});

/** The /api registration of a worker by a platform admin, as its command handler runs it. */
function registerWorker(command: ReturnType<typeof parseRegisterWorker>) {
  const handler = new RegisterWorkerHandler(new WorkforceStreams(store, db.pool));
  return handler.execute(new RegisterWorker(command, { actor: 'lead' }, '2026-01-01', 'any'));
}
