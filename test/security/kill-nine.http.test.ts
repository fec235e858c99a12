import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes, randomUUID } from 'node:crypto';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { allProjections } from '../../libs/composition/src/index.js';
import { generatePlan, type GenerateOptions } from '../../libs/generator/src/index.js';
import { freePort } from '../../libs/database/src/scratch.js';
import { PostgresEventStore } from '../../libs/event-store/src/index.js';
import { APPEND_LOCK_KEY } from '../../libs/event-store/src/postgres/schema.js';
import { waitForCaughtUp } from '../../libs/projections/src/wait.js';
import { buildOnce } from '../support/build.js';
import { embeddedEnv } from '../support/built-server.js';
import { createTestDatabase, type TestDatabase } from '../support/database.js';
import { testRedis } from '../support/redis.js';

/**
 * kill -9 under load: "a failure halfway through a batch leaves no partial write; nothing accepted is
 * ever lost". The built API runs as a child process (`node dist/apps/api/src/main.js`, as `npm start`
 * runs it after its build) on a fresh test database and the test Redis. Several rounds send concurrent
 * xAPI batches and SIGKILL the process at a random moment (after a random number of answered batches,
 * plus a random delay, so always with requests in flight and projections behind); each round restarts it
 * on the same database. Then: every statement of a 200 is retrievable by id; every batch that got no
 * answer is there entirely or not at all; the workers' timelines (the workforce read model, kept through
 * the evidence reactor) list exactly the statements stored about them, and each unknown actor became one
 * worker holding all of theirs. A second test kills the process in the middle of one worker's stream of
 * 720 statements, and again while the read models catch up, and reads the whole stream back in order
 * after the client retries what got no answer. A third kills it between the rows of three commands
 * (LRS client registered, revoked; user disabled) and their events. The last two kill an embedded start
 * while it seeds the demo data set (the next start seeds it whole, once, with working credentials) and
 * while it generates the demo trends (the next start resumes the generation to the plan's end).
 *
 * The random choices come from one seed, printed and settable with KILL_NINE_SEED to replay a run.
 * Nothing here asserts a time: only what is stored.
 */
const { url: redisUrl, reason: noRedis } = testRedis();
const seed = Number(process.env.KILL_NINE_SEED ?? Date.now() % 1_000_000_007);
const random = mulberry32(seed);
const between = (min: number, max: number) => min + Math.floor(random() * (max - min + 1));

const ORGANISATION = 'org-kill-nine';
const adminToken = randomBytes(18).toString('base64url');
const lrsKey = `kill-nine-${randomBytes(6).toString('hex')}`;
const lrsSecret = randomBytes(18).toString('base64url');
let database: TestDatabase;
let server: ApiProcess;
let lms: string;

beforeAll(async () => {
  await buildOnce();
  if (!redisUrl) return;
  process.stdout.write(`kill-nine: seed ${seed} (KILL_NINE_SEED=${seed} replays the random choices)\n`);
  database = await createTestDatabase(4);
  server = new ApiProcess(database.url, redisUrl, await freePort());
  await server.start();
  await call('POST', '/api/organisations', {
    id: ORGANISATION,
    name: 'Kill nine care',
    sector: 'voluntary',
    region: 'Fife',
    serviceType: 'care at home',
    sizeBand: 'small',
  });
  const client = await call('POST', '/api/admin/lrs-clients', {
    name: 'Kill nine LMS',
    organisationId: ORGANISATION,
    scopes: ['all'],
  });
  lms = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
}, 300_000);

afterAll(async () => {
  await server?.stop();
  await database?.drop();
});

interface Worker {
  id: string;
  email: string;
}

type Outcome = 'stored' | 'unanswered' | `status ${number}`;

interface SentBatch {
  round: number;
  statements: { id: string; worker: Worker; n: number }[];
  outcome?: Outcome;
}

describe.skipIf(!redisUrl)(`kill -9 of the API under load (${noRedis || 'real Redis'})`, () => {
  it('keeps every answered batch, and every unanswered one entirely or not at all, across kills', async () => {
    const workers: Worker[] = [];
    for (let i = 0; i < 8; i++) workers.push(await registerWorker(`w${i}`));
    // Actors nobody registered: the reactor registers each once, however many batches name them at once.
    const newcomers: Worker[] = Array.from({ length: 6 }, (_, i) => ({
      id: '',
      email: `newcomer${i}@kill-nine.example.org`,
    }));
    const actors = [...workers, ...newcomers];
    const batches: SentBatch[] = [];
    const ROUNDS = 3;
    for (let round = 1; round <= ROUNDS; round++) {
      const sent = await loadAndKill(round, 6, between(2, 30), between(0, 400), () => {
        const size = between(1, 25);
        return Array.from({ length: size }, () => ({
          id: randomUUID(),
          worker: actors[between(0, actors.length - 1)]!,
          n: 0,
        }));
      });
      batches.push(...sent);
      await server.start();
    }
    const count = (outcome: Outcome) => batches.filter((b) => b.outcome === outcome).length;
    // Nothing is refused: the batches are valid, and the server answers 200 or not at all.
    expect(batches.filter((b) => b.outcome !== 'stored' && b.outcome !== 'unanswered')).toEqual([]);
    expect(count('stored')).toBeGreaterThan(0);
    expect(count('unanswered')).toBeGreaterThan(0);

    await waitForReadModels();
    const found = await findById(batches.flatMap((b) => b.statements.map((s) => s.id)));
    // Every statement of a 200 is there.
    const lost = batches
      .filter((b) => b.outcome === 'stored')
      .flatMap((b) => b.statements.filter((s) => !found.has(s.id)).map((s) => `round ${b.round}: ${s.id}`));
    expect(lost).toEqual([]);
    // A batch without an answer is all there or not at all.
    const partial = batches
      .filter((b) => b.outcome === 'unanswered')
      .map((b) => ({
        round: b.round,
        there: b.statements.filter((s) => found.has(s.id)).length,
        of: b.statements.length,
      }))
      .filter((b) => b.there !== 0 && b.there !== b.of);
    expect(partial).toEqual([]);
    const storedUnanswered = batches.filter((b) => b.outcome === 'unanswered' && found.has(b.statements[0]!.id));
    process.stdout.write(
      `kill-nine: ${batches.length} batches over ${ROUNDS} kills: ${count('stored')} answered 200, ${count('unanswered')} unanswered (of which ${storedUnanswered.length} stored whole)\n`,
    );
    // The timelines list exactly the statements stored about each worker (none lost, none twice).
    for (const worker of workers) {
      const expected = batches
        .flatMap((b) => b.statements)
        .filter((s) => s.worker === worker && found.has(s.id))
        .map((s) => s.id)
        .sort();
      const listed = (await timelineOf(worker)).map((e) => e.statementId);
      expect([...listed].sort(), worker.email).toEqual(expected);
    }
    // One worker registered per newcomer with a stored statement, holding all of them, and none for the others.
    const registered = (await call('GET', `/api/organisations/${ORGANISATION}/workers-from-statements?limit=500`))
      .workers as { id: string; identifiers: { mbox?: string }[]; records: number }[];
    const expectedNewcomers = newcomers
      .map((n) => ({
        mbox: `mailto:${n.email}`,
        records: batches.flatMap((b) => b.statements).filter((s) => s.worker === n && found.has(s.id)).length,
      }))
      .filter((n) => n.records > 0);
    expect(registered.map((w) => ({ mbox: w.identifiers.map((i) => i.mbox).join(), records: w.records }))).toEqual(
      expect.arrayContaining(expectedNewcomers),
    );
    expect(registered).toHaveLength(expectedNewcomers.length);
  }, 240_000);

  it("reads one worker's stream of 720 statements back whole and in order after kills mid-stream", async () => {
    const worker = await registerWorker('long');
    const TOTAL = 720;
    const SIZE = 20;
    // Each batch's statements, fixed in advance so that a retry sends the same ids and contents.
    const planned: SentBatch[] = [];
    for (let start = 0; start < TOTAL; start += SIZE)
      planned.push({
        round: 0,
        statements: Array.from({ length: SIZE }, (_, k) => ({ id: randomUUID(), worker, n: start + k })),
      });
    let next = 0;
    // Killed as soon as 4-16 of the 36 batches are answered: whatever the machine's speed, some are left.
    const sent = await loadAndKill(1, 4, between(4, 16), 0, () =>
      next < planned.length ? planned[next++]!.statements : undefined,
    );
    await server.start();
    // As an LMS does: everything that got no 200 is sent again (a batch already stored answers 200).
    const answered = new Set(sent.filter((b) => b.outcome === 'stored').map((b) => b.statements[0]!.id));
    const again = planned.filter((b) => !answered.has(b.statements[0]!.id));
    process.stdout.write(
      `kill-nine: long stream: ${TOTAL / SIZE - again.length} batches answered, ${again.length} sent again\n`,
    );
    expect(again.length).toBeGreaterThan(0);
    for (const batch of again) expect(await post(batch.statements)).toEqual(batch.statements.map((s) => s.id));
    // And once more while the reactor and the read models work through the stream.
    await until(async () => (await timelineOf(worker, 1)).length > 0, 60_000);
    await new Promise((r) => setTimeout(r, between(0, 500)));
    await server.kill9();
    await server.start();
    await waitForReadModels();

    const expectedNewestFirst = planned
      .flatMap((b) => b.statements)
      .sort((a, b) => b.n - a.n)
      .map((s) => s.id);
    // The timeline in pages of 500: whole, once each, newest first (each statement's timestamp is its n).
    const listed = (await timelineOf(worker)).map((e) => e.statementId);
    expect(listed).toEqual(expectedNewestFirst);
    // The LRS's own view of the stream: every statement once, most recently stored first.
    const statements = await statementsOfAgent(worker.email);
    expect(statements.map((s) => s.id).sort()).toEqual([...expectedNewestFirst].sort());
    const stored = statements.map((s) => Date.parse(s.stored));
    expect(stored.every((t, i) => i === 0 || t <= stored[i - 1]!)).toBe(true);
  }, 240_000);
});

describe.skipIf(!redisUrl)("kill -9 between a command's rows and its event", () => {
  /*
   * Registering and revoking an LRS client, and disabling a user, write their rows (`lrs_clients`,
   * `identity_users`) and append their event. Here the three appends wait for the log's append lock
   * (held by the test, as a burst of other appends holds it under load) after the rows were written; then
   * the process is killed. Whatever the outcome, the rows and the log must agree: a revocation or a
   * disabling that the log records must have taken effect.
   */
  it('leaves LRS clients and users as their events say, killed between the rows and the events', async () => {
    const name = `kill-nine ghost ${randomBytes(4).toString('hex')}`;
    const revoked = await call('POST', '/api/admin/lrs-clients', {
      name: 'kill-nine revoked',
      organisationId: ORGANISATION,
      scopes: ['all'],
    });
    const password = 'correct horse battery staple';
    const email = `disabled-${randomBytes(4).toString('hex')}@kill-nine.example.org`;
    const user = await call('POST', '/api/admin/users', {
      email,
      displayName: 'Disabled',
      password,
      roles: [{ kind: 'learning-lead', organisationId: ORGANISATION }],
    });
    await killDuringAppends([
      () =>
        call('POST', '/api/admin/lrs-clients', { name, organisationId: ORGANISATION, scopes: ['statements/write'] }),
      () => call('DELETE', `/api/admin/lrs-clients/${revoked.id}`),
      () => call('POST', `/api/admin/users/${user.id}/disable`),
    ]);
    const { rows } = await database.pool.query(
      `select (select count(*)::int from lrs_clients where name = $1) as "registeredRows",
              (select count(*)::int from events where type = 'xapi.LrsClientRegistered' and data->>'name' = $1) as "registeredInLog",
              (select revoked_at is not null from lrs_clients where id = $2::uuid) as "revokedRow",
              exists (select 1 from events where type = 'xapi.LrsClientRevoked' and data->>'clientId' = $2::text) as "revokedInLog",
              (select disabled from identity_users where id = $3::uuid) as "disabledRow",
              exists (select 1 from events where type = 'identity.UserDisabled' and data->>'userId' = $3::text) as "disabledInLog"`,
      [name, revoked.id, user.id],
    );
    const state = rows[0] as Record<string, number | boolean>;
    const xapi = await fetch(`${server.baseUrl}/xapi/statements?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${revoked.key}:${revoked.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
      },
    });
    const signIn = await fetch(`${server.baseUrl}/api/auth/sign-in`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ email, password }),
    });
    const seen = { ...state, revokedRefused: xapi.status === 401, disabledRefused: signIn.status === 401 };
    expect(seen).toEqual({
      registeredRows: state.registeredInLog,
      registeredInLog: state.registeredInLog,
      revokedRow: state.revokedInLog,
      revokedInLog: state.revokedInLog,
      revokedRefused: state.revokedInLog,
      disabledRow: state.disabledInLog,
      disabledInLog: state.disabledInLog,
      disabledRefused: state.disabledInLog,
    });
  }, 120_000);
});

/**
 * Holds the log's append lock, makes the requests (not awaited), waits until each one's append waits
 * for the lock with its row written (uncommitted), SIGKILLs the server, lets the lock go, waits for
 * PostgreSQL to finish with the dead process's connections, and starts the server again.
 */
async function killDuringAppends(requests: (() => Promise<unknown>)[]): Promise<void> {
  const holder = await database.pool.connect();
  try {
    await holder.query('select pg_advisory_lock($1)', [APPEND_LOCK_KEY]);
    const answered = requests.map((request) =>
      request().then(
        () => true,
        () => false,
      ),
    );
    await until(async () => {
      const { rows } = await holder.query(
        `select (select count(*)::int from pg_stat_activity
                  where datname = current_database() and wait_event_type = 'Lock' and query like '%continuum_append%') as appending,
                (select count(distinct l.pid)::int from pg_locks l join pg_class c on c.oid = l.relation
                  where c.relname in ('lrs_clients', 'identity_users') and l.mode = 'RowExclusiveLock' and l.granted) as writing`,
      );
      return rows[0].appending >= requests.length && rows[0].writing >= requests.length;
    }, 60_000);
    await server.kill9();
    expect(await Promise.all(answered)).toEqual(requests.map(() => false));
  } finally {
    await holder.query('select pg_advisory_unlock($1)', [APPEND_LOCK_KEY]);
    holder.release();
  }
  await until(async () => {
    const { rows } = await database.pool.query(
      `select exists (select 1 from pg_stat_activity
                       where datname = current_database() and query like '%continuum_append%' and state <> 'idle'
                         and pid <> pg_backend_pid()) as appending,
              exists (select 1 from pg_locks l join pg_class c on c.oid = l.relation
                       where c.relname in ('lrs_clients', 'identity_users') and l.mode = 'RowExclusiveLock') as writing`,
    );
    return !rows[0].appending && !rows[0].writing;
  }, 30_000);
  await server.start();
}

/**
 * Starts `senders` concurrent senders, each sending batches (from `nextBatch`, until it returns
 * undefined) one after another; once `answeredBeforeKill` batches were answered and `delayMs` more
 * passed, SIGKILLs the server. A sender stops at its first request without an answer.
 */
async function loadAndKill(
  round: number,
  senders: number,
  answeredBeforeKill: number,
  delayMs: number,
  nextBatch: () => SentBatch['statements'] | undefined,
): Promise<SentBatch[]> {
  const batches: SentBatch[] = [];
  let answered = 0;
  let running = senders;
  let killed = false;
  const send = async () => {
    try {
      await sendUntilUnanswered();
    } finally {
      running--;
    }
  };
  const sendUntilUnanswered = async () => {
    for (;;) {
      const statements = nextBatch();
      if (!statements) return;
      const batch: SentBatch = { round, statements };
      batches.push(batch);
      batch.outcome = await postOutcome(statements);
      if (batch.outcome !== 'stored') return;
      answered++;
      if (killed) return;
    }
  };
  const killer = (async () => {
    await until(() => answered >= answeredBeforeKill || running === 0, 120_000);
    await new Promise((r) => setTimeout(r, delayMs));
    killed = true;
    await server.kill9();
  })();
  await Promise.all([...Array.from({ length: senders }, send), killer]);
  return batches;
}

async function postOutcome(statements: SentBatch['statements']): Promise<Outcome> {
  try {
    const response = await fetch(`${server.baseUrl}/xapi/statements`, {
      method: 'POST',
      headers: { authorization: lms, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
      body: JSON.stringify(statements.map(statementOf)),
    });
    const text = await response.text();
    if (response.status !== 200) return `status ${response.status}`;
    expect(JSON.parse(text)).toEqual(statements.map((s) => s.id));
    return 'stored';
  } catch (error) {
    if (error instanceof TypeError) return 'unanswered'; // fetch failed: refused or reset
    throw error;
  }
}

async function post(statements: SentBatch['statements']): Promise<string[]> {
  const response = await fetch(`${server.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: { authorization: lms, 'x-experience-api-version': '1.0.3', 'content-type': 'application/json' },
    body: JSON.stringify(statements.map(statementOf)),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as string[];
}

const BASE_TIME = Date.parse('2025-01-01T00:00:00Z');

/**
 * A CLF reflective account (evidence, through the reactor) or, for every third, a plain learning record;
 * the same for the same id, so that a batch sent again is the same batch.
 */
function statementOf(s: SentBatch['statements'][number], index: number) {
  const actor = { objectType: 'Agent', mbox: `mailto:${s.worker.email}` };
  const timestamp = new Date(BASE_TIME + s.n * 60_000).toISOString();
  const activity = `https://kill-nine.example.org/activities/${s.id}`;
  if (index % 3 === 2)
    return {
      id: s.id,
      actor,
      verb: { id: 'http://adlnet.gov/expapi/verbs/completed', display: { en: 'completed' } },
      object: { objectType: 'Activity', id: activity },
      timestamp,
    };
  return {
    id: s.id,
    actor,
    verb: { id: 'https://w3id.org/xapi/clf/verbs/reflected', display: { en: 'reflected' } },
    object: {
      objectType: 'Activity',
      id: activity,
      definition: { type: 'https://w3id.org/xapi/clf/activity-types/reflective-account' },
    },
    context: { contextActivities: { category: [{ id: 'https://w3id.org/xapi/clf/v1.1' }] } },
    result: { response: `kill-nine ${s.id}` },
    timestamp,
  };
}

async function registerWorker(name: string): Promise<Worker> {
  const email = `${name}@kill-nine.example.org`;
  const { id } = await call('POST', '/api/workers', {
    name: `Worker ${name}`,
    identifiers: [{ mbox: `mailto:${email}` }],
    organisationId: ORGANISATION,
    joinedOn: '2020-01-01',
  });
  return { id, email };
}

/** Which of these ids GET /xapi/statements?statementId= finds (200 with that id; 404 otherwise). */
async function findById(ids: string[]): Promise<Set<string>> {
  const found = new Set<string>();
  let next = 0;
  const reader = async () => {
    while (next < ids.length) {
      const id = ids[next++]!;
      const response = await fetch(`${server.baseUrl}/xapi/statements?statementId=${id}`, {
        headers: { authorization: lms, 'x-experience-api-version': '1.0.3' },
      });
      const text = await response.text();
      if (response.status === 200) {
        expect(JSON.parse(text).id).toBe(id);
        found.add(id);
      } else expect(response.status, text).toBe(404);
    }
  };
  await Promise.all(Array.from({ length: 8 }, reader));
  return found;
}

async function timelineOf(worker: Worker, pages = 100): Promise<{ statementId: string; occurredAt: string }[]> {
  const entries: { statementId: string; occurredAt: string }[] = [];
  let after: string | null = null;
  for (let page = 0; page < pages; page++) {
    const query: string = `limit=500${after ? `&after=${encodeURIComponent(after)}` : ''}`;
    const body = await call('GET', `/api/workers/${worker.id}/timeline?${query}`);
    entries.push(...body.entries);
    after = body.next;
    if (!after) break;
  }
  return entries;
}

async function statementsOfAgent(email: string): Promise<{ id: string; stored: string }[]> {
  const agent = encodeURIComponent(JSON.stringify({ objectType: 'Agent', mbox: `mailto:${email}` }));
  const statements: { id: string; stored: string }[] = [];
  let path: string = `/xapi/statements?agent=${agent}&limit=250`;
  for (let page = 0; path && page < 100; page++) {
    const response = await fetch(`${server.baseUrl}${path}`, {
      headers: { authorization: lms, 'x-experience-api-version': '1.0.3' },
    });
    const text = await response.text();
    expect(response.status, text).toBe(200);
    const body = JSON.parse(text) as { statements: { id: string; stored: string }[]; more?: string };
    statements.push(...body.statements);
    path = body.more ?? '';
  }
  return statements;
}

/** Every projection and reactor has applied the whole log (read from the database, as the runners do). */
async function waitForReadModels(): Promise<void> {
  const store = new PostgresEventStore(database.pool);
  try {
    await waitForCaughtUp(database.pool, store, allProjections, 120_000);
  } finally {
    await store.close();
  }
}

async function call(method: string, path: string, body?: unknown): Promise<any> {
  const response = await fetch(`${server.baseUrl}${path}`, {
    method,
    headers: {
      authorization: `Bearer ${adminToken}`,
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  if (response.status >= 300) throw new Error(`${method} ${path} → ${response.status}: ${text}`);
  return text ? JSON.parse(text) : undefined;
}

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** The built API as `npm start` runs it, on the test database and Redis, restarted on the same port. */
class ApiProcess {
  readonly baseUrl: string;
  private child?: ChildProcess;
  private output = '';
  private readonly dataDir = mkdtempSync(join(tmpdir(), 'continuum-kill-nine-'));
  private readonly queuePrefix = `test-${randomBytes(6).toString('hex')}`;

  constructor(
    private readonly databaseUrl: string,
    private readonly redis: string,
    private readonly port: number,
  ) {
    this.baseUrl = `http://127.0.0.1:${port}`;
  }

  async start(): Promise<void> {
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const key of ['EVENT_STORE', 'EVENTSTORE_URL', 'EMBEDDED_PG_PORT']) delete env[key];
    Object.assign(env, {
      DATABASE_URL: this.databaseUrl,
      REDIS_URL: this.redis,
      JOB_QUEUE_PREFIX: this.queuePrefix,
      PORT: String(this.port),
      HOST: '127.0.0.1',
      DATA_DIR: this.dataDir,
      ADMIN_TOKEN: adminToken,
      RUN_WORKER: 'true',
      LRS_BOOTSTRAP_KEY: lrsKey,
      LRS_BOOTSTRAP_SECRET: lrsSecret,
      DEMO_DATA: 'false',
      DEMO_TRENDS: 'false',
    });
    this.output = '';
    const child = spawn(process.execPath, ['dist/apps/api/src/main.js'], { env, stdio: ['ignore', 'pipe', 'pipe'] });
    this.child = child;
    child.stdout!.on('data', (chunk) => (this.output += chunk));
    child.stderr!.on('data', (chunk) => (this.output += chunk));
    const deadline = Date.now() + 120_000;
    for (;;) {
      if (child.exitCode !== null) throw new Error(`the API exited with ${child.exitCode}:\n${this.output}`);
      const response = await fetch(`${this.baseUrl}/health`).catch(() => undefined);
      if (response?.status === 200) return;
      if (Date.now() > deadline) throw new Error(`the API was not healthy within 120 s:\n${this.output}`);
      await new Promise((r) => setTimeout(r, 100));
    }
  }

  /** SIGKILL: no shutdown hook runs, connections drop as they are. Resolves once the process is gone. */
  async kill9(): Promise<void> {
    const child = this.child;
    if (!child || child.exitCode !== null || child.signalCode !== null) return;
    const exited = new Promise((r) => child.once('exit', r));
    child.kill('SIGKILL');
    await exited;
    expect(child.signalCode).toBe('SIGKILL');
  }

  async stop(): Promise<void> {
    const child = this.child;
    if (child && child.exitCode === null && child.signalCode === null) {
      const exited = new Promise((r) => child.once('exit', r));
      child.kill('SIGTERM');
      await exited;
    }
    rmSync(this.dataDir, { recursive: true, force: true });
  }
}

function mulberry32(a: number): () => number {
  return () => {
    a |= 0;
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

describe('kill -9 during the first embedded start (npm start) while it seeds the demo data set', () => {
  /*
   * The seed goes through the HTTP API for several seconds; a process killed (or stopped) during it
   * leaves part of the demo data set (the organisation, some workers or users whose passwords nobody
   * kept). The next start finds the seed's marker `seeding` and nothing but the seed's data: it empties
   * the database and seeds it again, so the set is whole and once, and its printed credentials work.
   */
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-kill-nine-embedded-'));
  let child: ChildProcess | undefined;
  let output = '';
  let afterRestart: Record<string, unknown> | undefined;

  afterAll(async () => {
    // SIGTERM stops the embedded PostgreSQL too (a SIGKILLed start's is stopped by the next start).
    if (child && child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await done;
    }
    stopLeftPostgres(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is killed once the seed has registered the demo organisation, and starts again', async () => {
    const port = await freePort();
    const env = embeddedEnv(port, dataDir, { DEMO_TRENDS: 'false' });
    const baseUrl = `http://127.0.0.1:${port}`;
    const start = () => {
      const started = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.stdout!.on('data', (chunk) => (output += chunk));
      started.stderr!.on('data', (chunk) => (output += chunk));
      child = started;
      return started;
    };
    const first = start();
    await until(async () => {
      if (first.exitCode !== null) throw new Error(`the first start exited with ${first.exitCode}:\n${output}`);
      if (!existsSync(join(dataDir, 'admin-token'))) return false;
      const token = readFileSync(join(dataDir, 'admin-token'), 'utf8').trim();
      const response = await fetch(`${baseUrl}/api/organisations`, {
        headers: { authorization: `Bearer ${token}` },
      }).catch(() => undefined);
      return response?.status === 200 && (await response.text()).includes('demo-care-services');
    }, 120_000);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    // Mid-seed: the credentials are written when it ends.
    expect(existsSync(join(dataDir, 'demo-credentials.json'))).toBe(false);
    const second = start();
    await until(async () => {
      if (second.exitCode !== null) throw new Error(`the second start exited with ${second.exitCode}:\n${output}`);
      return (await fetch(`${baseUrl}/health`).catch(() => undefined))?.status === 200;
    }, 120_000);
    const health = (await (await fetch(`${baseUrl}/health`)).json()) as { demoData?: string };
    const credentialsFile = join(dataDir, 'demo-credentials.json');
    afterRestart = { demoData: health.demoData, credentials: existsSync(credentialsFile) };
    process.stdout.write(`kill-nine: embedded start killed mid-seed, then: ${JSON.stringify(afterRestart)}\n`);
    if (!existsSync(credentialsFile)) return;
    // The set as its printed credentials see it: every user signs in, the LRS client answers, and the
    // organisation, its staff and its audits are there once.
    const demo = JSON.parse(readFileSync(credentialsFile, 'utf8')) as {
      users: { email: string; password: string }[];
      lrs: { key: string; secret: string };
    };
    const json = async (path: string, init: RequestInit = {}) => {
      const response = await fetch(`${baseUrl}${path}`, init);
      return { status: response.status, body: (await response.json().catch(() => undefined)) as any };
    };
    const signIns: number[] = [];
    let leadToken = '';
    for (const user of demo.users) {
      const { status, body } = await json('/api/auth/sign-in', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: user.email, password: user.password }),
      });
      signIns.push(status);
      if (user.email.startsWith('lead@')) leadToken = body?.token;
    }
    const asLead = { headers: { authorization: `Bearer ${leadToken}` } };
    const admin = { headers: { authorization: `Bearer ${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}` } };
    const organisations = await json('/api/organisations?limit=500', admin);
    const staff = await json('/api/organisations/demo-care-services/workers?limit=500', asLead);
    const audits = await json('/api/organisations/demo-care-services/audits', asLead);
    const lrs = await fetch(`${baseUrl}/xapi/statements?limit=1`, {
      headers: {
        authorization: `Basic ${Buffer.from(`${demo.lrs.key}:${demo.lrs.secret}`).toString('base64')}`,
        'x-experience-api-version': '1.0.3',
      },
    });
    Object.assign(afterRestart, {
      signIns,
      organisations: organisations.body?.organisations?.map((o: { id: string }) => o.id),
      workers: staff.body?.workers?.length,
      audits: audits.body?.audits?.map((a: { startedOn: string; state: string }) => `${a.startedOn} ${a.state}`),
      lrs: lrs.status,
      reset: output.includes('emptying the database to seed it again'),
    });
  }, 240_000);

  it('has seeded the demo data set whole, once, after the restart, with working credentials', () => {
    expect(afterRestart).toEqual({
      demoData: 'seeded',
      credentials: true,
      signIns: [200, 200, 200, 200],
      organisations: ['demo-care-services'],
      workers: 10,
      audits: ['2024-02-01 completed', '2025-02-01 completed', '2026-11-01 open'],
      lrs: 200,
      reset: true,
    });
  });
});

describe('kill -9 of an embedded start while it generates the demo trends', () => {
  /*
   * The demo trends (a generated set, here 100 workers in 4 organisations: DEMO_TRENDS_WORKERS) are a
   * job of the in-process queue, which dies with its process; the generation keeps a journal in
   * DATA_DIR. Killed once the journal holds a few steps, the next start queues it again: it resumes after
   * the last step sent and ends with the plan's organisations, audit cycles and adoption records once.
   */
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-kill-nine-trends-'));
  const journalFile = join(dataDir, 'demo-trends-journal.ndjson');
  let child: ChildProcess | undefined;
  let output = '';
  let afterRestart: Record<string, unknown> | undefined;
  let expected: Record<string, unknown> | undefined;

  afterAll(async () => {
    if (child && child.exitCode === null && child.signalCode === null) {
      const done = new Promise((r) => child!.once('exit', r));
      child.kill('SIGTERM');
      await done;
    }
    stopLeftPostgres(join(dataDir, 'postgres'));
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('is killed part way through the generation, and the next start resumes it to its end', async () => {
    const port = await freePort();
    const env = embeddedEnv(port, dataDir, { DEMO_TRENDS_WORKERS: '100' });
    delete env.DEMO_TRENDS;
    const baseUrl = `http://127.0.0.1:${port}`;
    const start = () => {
      const started = spawn(process.execPath, ['dist/apps/api/src/main.js'], {
        env,
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      started.stdout!.on('data', (chunk) => (output += chunk));
      started.stderr!.on('data', (chunk) => (output += chunk));
      child = started;
      return started;
    };
    const steps = () =>
      existsSync(journalFile) ? readFileSync(journalFile, 'utf8').split('\n').filter(Boolean).length - 1 : 0;
    const first = start();
    await until(() => {
      if (first.exitCode !== null) throw new Error(`the first start exited with ${first.exitCode}:\n${output}`);
      return steps() >= 3;
    }, 180_000);
    const exited = new Promise((r) => first.once('exit', r));
    first.kill('SIGKILL');
    await exited;
    const stepsAtKill = steps();
    const generatedBeforeKill = output.includes('generated data set "demo"');
    const second = start();
    const admin = () => ({ authorization: `Bearer ${readFileSync(join(dataDir, 'admin-token'), 'utf8').trim()}` });
    const get = async (path: string) => {
      const response = await fetch(`${baseUrl}${path}`, { headers: admin() }).catch(() => undefined);
      return response?.ok ? ((await response.json()) as any) : undefined;
    };
    await until(async () => {
      if (second.exitCode !== null) throw new Error(`the second start exited with ${second.exitCode}:\n${output}`);
      const job = await get('/api/admin/jobs/demo-trends');
      if (job?.state === 'failed') throw new Error(`the resumed generation failed: ${job.error}`);
      return job?.state === 'completed';
    }, 480_000);
    process.stdout.write(`kill-nine: demo trends killed after ${stepsAtKill} journal steps, resumed to ${steps()}\n`);

    // What the plan of the journal's options holds, against what the API shows.
    const { options } = JSON.parse(readFileSync(journalFile, 'utf8').split('\n')[0]!) as { options: GenerateOptions };
    const plan = generatePlan(options);
    expected = {
      generatedBeforeKill: false,
      resumed: true,
      organisations: ['demo-care-services', ...plan.organisations.map((o) => o.id)].sort(),
      cycles: Object.fromEntries(plan.organisations.map((o) => [o.id, o.audits.map((a) => a.startedOn).sort()])),
      adoption: Object.fromEntries(plan.organisations.map((o) => [o.id, o.adoption])),
    };
    const organisations = await get('/api/organisations?limit=500');
    const cycles: Record<string, string[]> = {};
    const adoption: Record<string, unknown> = {};
    for (const organisation of plan.organisations) {
      const audits = await get(`/api/organisations/${organisation.id}/audits`);
      cycles[organisation.id] = audits?.audits?.map((a: { startedOn: string }) => a.startedOn).sort();
      adoption[organisation.id] = (await get(`/api/organisations/${organisation.id}/adoption`))?.history;
    }
    afterRestart = {
      generatedBeforeKill,
      resumed: output.includes('demo trends: resuming the generation of'),
      organisations: organisations?.organisations?.map((o: { id: string }) => o.id).sort(),
      cycles,
      adoption,
    };
  }, 720_000);

  it('has each planned organisation, audit cycle and adoption record once after the resumed generation', () => {
    expect(afterRestart).toEqual(expected);
  });
});

/** A run that failed between a SIGKILL and the next start leaves that start's PostgreSQL running: stop it. */
function stopLeftPostgres(directory: string): void {
  try {
    const pid = Number(readFileSync(join(directory, 'postmaster.pid'), 'utf8').split('\n')[0]);
    // Only that PostgreSQL: a stale lock file's pid may since belong to another process.
    if (Number.isInteger(pid) && pid > 0 && readFileSync(`/proc/${pid}/cmdline`, 'utf8').includes(directory))
      process.kill(pid, 'SIGINT');
  } catch {
    // no PostgreSQL left (no lock file, or no such process)
  }
}
