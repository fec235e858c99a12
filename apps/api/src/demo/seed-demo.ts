import { randomBytes } from 'node:crypto';
import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  allAuditQuestions,
  findCapability,
  indicatorsAt,
  organisationalCapabilities,
  type StageName,
} from '#libs/framework';
import { fileJournalOptions, type GenerateJobData, type GenerateOptions } from '#libs/generator';
import { GENERATE_JOB } from '#libs/composition';
import type { Runtime } from '#libs/platform';

/**
 * The demo data set of the embedded mode (`npm start` on a fresh clone): the stories of Mary, Michael
 * and Sunita (seed 000, section 3) in one organisation, recorded through the running app's own HTTP
 * API with the admin token, so every validation and event path is the real one.
 *
 * Seeded once: a row in `demo_seed` marks it (and a database that already holds organisations or
 * users is never seeded). The credentials are kept in DATA_DIR/demo-credentials.json (mode 0600) and
 * printed again on later starts. On the first start a generated data set joins them in the background
 * (`startDemoTrends`), with an evaluator user to see its trends.
 *
 * Interruptions (kill -9, Ctrl-C, a crash): the marker says `seeding` from before the seed's first call
 * (on an empty database) until its end, so a start that finds `seeding` knows the database holds nothing
 * but part of the demo data set, whose credentials were never shown: it empties the database and seeds
 * it again (`resetInterruptedSeed`, from main.ts before listening). Should it also hold organisations or
 * users the seed does not make, it is left alone (`skipped`). The generation of the trends keeps a
 * journal in DATA_DIR (the generator's fileJournal) and the row 2 of `demo_seed` says `generating` until
 * it ends: a later start queues it again with the same options and it resumes after the last step sent.
 */

export const DEMO_CREDENTIALS_FILE = 'demo-credentials.json';
export const DEMO_ORGANISATION_ID = 'demo-care-services';

export interface DemoCredentials {
  organisationId: string;
  users: { email: string; password: string; displayName: string; role: string }[];
  workers: Record<'mary' | 'michael' | 'sunita', string>;
  lrs: { endpoint: string; key: string; secret: string; scopes: string[] };
}

type Call = <T = any>(method: string, path: string, body?: unknown) => Promise<T>;
/** Signs a demo user in and calls as them (the staff survey is answered by workers themselves). */
type SignIn = (email: string, password: string) => Promise<Call>;
type Log = (line: string) => void;

/** Whether this process seeds (or re-prints) the demo data set: the embedded mode, with the demo data on. */
export function wantsDemoData(runtime: Runtime): boolean {
  return Boolean(runtime.embedded && runtime.config.demoData && runtime.adminToken);
}

/**
 * Seeds (first start) or re-prints (later starts) the demo data set; does nothing outside the embedded
 * mode. Returns what became of it (`seeded` also when an earlier start seeded it).
 */
export async function ensureDemoData(
  runtime: Runtime,
  urls: { internal: string; public: string },
  log: Log,
): Promise<'off' | 'seeded' | 'skipped'> {
  const baseUrl = urls.public;
  if (!wantsDemoData(runtime)) return 'off';
  const file = join(runtime.config.dataDir, DEMO_CREDENTIALS_FILE);
  const status = await demoSeedStatus(runtime);
  if (status === 'seeded') {
    const credentials = readDemoCredentials(file);
    if (credentials) printDemoCredentials(credentials, baseUrl, file, log);
    else log(`demo data was seeded earlier, but ${file} is gone: its credentials cannot be shown again`);
    if (runtime.config.demoTrends && (await demoTrendsUnfinished(runtime)))
      await startDemoTrends(runtime, urls.internal, log);
    return 'seeded';
  }
  if (status === 'skipped') return 'skipped';
  if (status === 'interrupted') throw new Error('an interrupted demo seed is to be reset before listening');
  if (status === 'has-data') {
    await markDemoSeed(runtime, 'skipped: the database already held data');
    log('demo data not seeded: the database already holds organisations or users');
    return 'skipped';
  }
  log('first start: seeding the demo data set through the HTTP API (DEMO_DATA=false switches this off)');
  // Before the first call: a start that finds it (the seed cut off) knows the data are the seed's alone.
  await markDemoSeed(runtime, 'seeding');
  const credentials = await seedDemoData(
    apiCaller(urls.internal, runtime.adminToken!),
    baseUrl,
    signInCaller(urls.internal),
  );
  writeFileSync(file, `${JSON.stringify(credentials, null, 2)}\n`, { mode: 0o600 });
  await markDemoSeed(runtime, 'seeded');
  printDemoCredentials(credentials, baseUrl, file, log);
  if (runtime.config.demoTrends) await startDemoTrends(runtime, urls.internal, log);
  return 'seeded';
}

/**
 * The generated set that joins the demo people so every trend shows something: ~20 organisations, 500
 * workers, 4 years (`DEMO_TRENDS_WORKERS` makes it smaller or larger, one organisation per 25 workers).
 */
export function demoTrendsSet(workers = 500): Omit<GenerateOptions, 'until'> {
  return {
    organisations: Math.max(1, Math.round(workers / 25)),
    workers,
    years: 4,
    seed: 'demo',
    surveyRespondents: 5,
  };
}
export const DEMO_TRENDS_JOB_ID = 'demo-trends';
/** The generation's journal in DATA_DIR: what it has sent, so a later start resumes it. */
export const DEMO_TRENDS_JOURNAL_FILE = 'demo-trends-journal.ndjson';

/**
 * Queued once the demo people exist, as a background job: the process is ready (and its credentials
 * printed) without waiting for it. `DEMO_TRENDS=false` switches it off (test servers do). Queued again
 * by a later start while row 2 of `demo_seed` says `generating` (the in-process queue does not outlive
 * its process): with the journal's options (the same `until`), it resumes after the last step sent.
 */
async function startDemoTrends(runtime: Runtime, internalUrl: string, log: Log): Promise<void> {
  const journal = join(runtime.config.dataDir, DEMO_TRENDS_JOURNAL_FILE);
  const earlier = fileJournalOptions(journal) as GenerateOptions | undefined;
  const options: GenerateOptions = earlier ?? {
    ...demoTrendsSet(runtime.config.demoTrendsWorkers),
    until: new Date().toISOString().slice(0, 10),
  };
  await markDemoSeed(runtime, 'generating', DEMO_TRENDS_ROW);
  const job = await runtime.jobs.enqueue<GenerateJobData>(
    GENERATE_JOB,
    { ...options, apiUrl: internalUrl, journal },
    { jobId: DEMO_TRENDS_JOB_ID },
  );
  log(
    `  demo trends: ${earlier ? 'resuming the generation of' : 'generating'} ${options.organisations} organisations and ${options.workers} workers over ${options.years} years in the background (DEMO_TRENDS=false switches this off); follow: npm run cli -- jobs show ${job.id} --follow`,
  );
  // Not awaited: marked generated once it ends here; a job stopped with its process stays `generating`.
  runtime.jobs
    .waitFor(job.id)
    .then(
      () => markDemoSeed(runtime, 'generated', DEMO_TRENDS_ROW),
      (error: unknown) => log(`  demo trends stopped (resumed by the next start): ${String(error)}`),
    )
    .catch((error: unknown) => log(`  demo trends: could not mark the generation done: ${String(error)}`));
}

/** Row 2 of `demo_seed`: the generation of the demo trends (`generating`, then `generated`). */
const DEMO_TRENDS_ROW = 2;

async function demoTrendsUnfinished(runtime: Runtime): Promise<boolean> {
  const row = await runtime.pool.query<{ outcome: string }>('select outcome from demo_seed where id = $1', [
    DEMO_TRENDS_ROW,
  ]);
  return row.rows[0]?.outcome === 'generating';
}

/**
 * The marker row's outcome (`seeded` or `skipped`); `interrupted` when a seed began and did not end and
 * the database holds no organisation or user but the seed's; else `has-data` when organisations or users
 * exist (without the marker, or beside an interrupted seed), `empty` when none do.
 */
export async function demoSeedStatus(
  runtime: Runtime,
): Promise<'seeded' | 'skipped' | 'interrupted' | 'has-data' | 'empty'> {
  await runtime.pool.query(
    'create table if not exists demo_seed (id int primary key, outcome text not null, at timestamptz not null default now())',
  );
  const marker = await runtime.pool.query<{ outcome: string }>('select outcome from demo_seed where id = 1');
  const outcome = marker.rows[0]?.outcome;
  if (outcome !== undefined && outcome !== 'seeding') return outcome.startsWith('skipped') ? 'skipped' : 'seeded';
  const data = await runtime.pool.query<{ has_data: boolean; others: boolean }>(
    `select exists (select 1 from events where type = 'workforce.OrganisationRegistered')
         or exists (select 1 from identity_users) as has_data,
            exists (select 1 from events where type = 'workforce.OrganisationRegistered' and stream_id <> $1)
         or exists (select 1 from identity_users where email not like $2) as others`,
    [`workforce-organisation-${DEMO_ORGANISATION_ID}`, `%@${DEMO_EMAIL_DOMAIN}`],
  );
  if (outcome === 'seeding' && !data.rows[0]!.others) return 'interrupted';
  return data.rows[0]!.has_data ? 'has-data' : 'empty';
}

/**
 * Empties the database of an interrupted demo seed (every schema but PostgreSQL's own: the event log,
 * the read models, the users and the marker), so that the next runtime started on it (its migrations)
 * finds it as on the first start. Only for `interrupted`: the database holds nothing but the seed's part.
 */
export async function resetInterruptedSeed(runtime: Runtime): Promise<void> {
  if ((await demoSeedStatus(runtime)) !== 'interrupted') throw new Error('no interrupted demo seed to reset');
  const schemas = await runtime.pool.query<{ name: string }>(
    `select nspname as name from pg_namespace
      where nspname not like 'pg\_%' and nspname <> 'information_schema' and nspname <> 'public'`,
  );
  const client = await runtime.pool.connect();
  try {
    await client.query('begin');
    for (const { name } of schemas.rows) await client.query(`drop schema "${name.replaceAll('"', '""')}" cascade`);
    await client.query('drop schema public cascade');
    await client.query('create schema public');
    await client.query('commit');
  } catch (error) {
    await client.query('rollback').catch(() => {});
    throw error;
  } finally {
    client.release();
  }
  for (const file of [DEMO_CREDENTIALS_FILE, DEMO_TRENDS_JOURNAL_FILE])
    rmSync(join(runtime.config.dataDir, file), { force: true });
}

async function markDemoSeed(runtime: Runtime, outcome: string, id = 1): Promise<void> {
  await runtime.pool.query(
    'insert into demo_seed (id, outcome) values ($1, $2) on conflict (id) do update set outcome = excluded.outcome, at = now()',
    [id, outcome],
  );
}

function readDemoCredentials(file: string): DemoCredentials | undefined {
  if (!existsSync(file)) return undefined;
  try {
    return JSON.parse(readFileSync(file, 'utf8')) as DemoCredentials;
  } catch {
    return undefined;
  }
}

/** A JSON call to the running app with the admin token; throws on any non-2xx answer, naming it. */
export function apiCaller(baseUrl: string, token: string): Call {
  return async (method, path, body) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`demo data: ${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as any;
  };
}

/** Signs in with a password through the app's own sign-in route, then calls as that user. */
export function signInCaller(baseUrl: string): SignIn {
  return async (email, password) => {
    const { token } = await apiCaller(baseUrl, '')<{ token: string }>('POST', '/api/auth/sign-in', { email, password });
    return apiCaller(baseUrl, token);
  };
}

/** Every call of the seed, in order; returns what to print and keep. */
export async function seedDemoData(call: Call, baseUrl: string, signIn: SignIn): Promise<DemoCredentials> {
  await createOrganisation(call);
  await defineRoles(call);
  const workers = await registerWorkers(call);
  await recordMaryEvidence(call, workers.mary);
  await recordMichaelEvidence(call, workers.michael);
  await recordSunitaEvidence(call, workers.sunita);
  const users = await createUsers(call, workers);
  const lrs = await createLrsClient(call, baseUrl);
  const [, staff] = await Promise.all([recordClfAdoption(call), surveyRespondents(call, signIn, users)]);
  await runAudits(call, staff);
  return { organisationId: DEMO_ORGANISATION_ID, users, workers, lrs };
}

export async function createOrganisation(call: Call): Promise<void> {
  await call('POST', '/api/organisations', {
    id: DEMO_ORGANISATION_ID,
    name: 'Demo care services',
    sector: 'voluntary',
    region: 'Fife',
    serviceType: 'care home for adults',
    sizeBand: 'medium',
  });
}

export async function defineRoles(call: Call): Promise<void> {
  const role = (id: string, name: string, requirements: [string, StageName][], qualifications: string[]) =>
    call('POST', '/api/roles', {
      id,
      organisationId: DEMO_ORGANISATION_ID,
      name,
      requirements: requirements.map(([capabilityId, stage]) => ({ capabilityId, stage })),
      qualifications,
    });
  await role(
    'demo-support-worker',
    'Support worker',
    [
      ['pc.flexibility', 'engaged'],
      ['pc.managing-conflict', 'engaged'],
    ],
    ['SVQ Social Services and Healthcare level 2'],
  );
  await role(
    'demo-social-worker',
    'Social worker',
    [
      ['pc.developing-others', 'established'],
      ['pc.initiative', 'established'],
    ],
    ['BA Social Work'],
  );
  await role(
    'demo-practitioner',
    'Practitioner',
    [
      ['pc.motivating-and-leading-others', 'engaged'],
      ['pc.self-confidence', 'established'],
    ],
    ['HNC Early Education and Childcare'],
  );
  await role(
    'demo-manager',
    'Manager',
    [
      ['pc.motivating-and-leading-others', 'accomplished'],
      ['pc.self-confidence', 'accomplished'],
    ],
    ['BA Childhood Practice'],
  );
}

export async function registerWorkers(call: Call): Promise<DemoCredentials['workers']> {
  const worker = async (name: string, email: string, roleId: string, joinedOn: string) => {
    const { id } = await call<{ id: string }>('POST', '/api/workers', {
      name,
      identifiers: [{ mbox: `mailto:${email}` }],
      organisationId: DEMO_ORGANISATION_ID,
      joinedOn,
    });
    await call('POST', `/api/workers/${id}/roles`, { roleId, from: joinedOn });
    return id;
  };
  return {
    mary: await worker('Mary', 'mary@demo-care.example.org', 'demo-support-worker', '2005-04-01'),
    michael: await worker('Michael', 'michael@demo-care.example.org', 'demo-social-worker', '2015-09-01'),
    sunita: await worker('Sunita', 'sunita@demo-care.example.org', 'demo-practitioner', '2022-08-01'),
  };
}

/** Every user the seed makes has an address of this domain (an interrupted seed is told by it). */
const DEMO_EMAIL_DOMAIN = 'demo-care.example.org';
const JOHN = { name: 'John', mbox: 'mailto:john@demo-care.example.org' };

function indicators(capabilityId: string, stage: StageName): string[] {
  return indicatorsAt(findCapability(capabilityId)!, stage).map((i) => i.id);
}

function indicatorsUpTo(capabilityId: string, stage: StageName): string[] {
  const order: StageName[] = ['engaged', 'established', 'accomplished', 'exemplary'];
  return order.slice(0, order.indexOf(stage) + 1).flatMap((s) => indicators(capabilityId, s));
}

async function assess(
  call: Call,
  workerId: string,
  indicatorIds: string[],
  occurredAt: string,
  extra: Record<string, unknown> = {},
): Promise<void> {
  for (const indicatorId of indicatorIds) {
    await call('POST', `/api/workers/${workerId}/evidence`, {
      kind: 'assessment',
      indicatorId,
      evidenced: true,
      source: 'line-manager',
      assessor: JOHN,
      occurredAt,
      ...extra,
    });
  }
}

/** Managing conflict at engaged, self confidence engaged and moving towards established; flexibility still to come. */
export async function recordMaryEvidence(call: Call, mary: string): Promise<void> {
  const evidence = (body: Record<string, unknown>) => call('POST', `/api/workers/${mary}/evidence`, body);
  await evidence({
    kind: 'learning-need',
    title: 'Knowledge of dementia',
    targetStage: 'engaged',
    agreedWith: JOHN,
    occurredAt: '2025-02-20T10:00:00Z',
    capabilityIds: ['pc.lifelong-learning'],
  });
  await assess(call, mary, indicators('pc.managing-conflict', 'engaged'), '2025-03-10T10:00:00Z');
  await evidence({
    kind: 'reflective-account',
    title: 'Notes on Kate',
    account:
      'Two weeks of notes on what happens when Kate is aggressive, what seems to trigger it and how staff manage it.',
    capabilityIds: ['pc.managing-conflict'],
    occurredAt: '2025-03-24T16:00:00Z',
  });
  await evidence({
    kind: 'feedback',
    source: 'colleague',
    feedback: "Mary's notes on Kate changed how the whole team works.",
    capabilityIds: ['pc.self-confidence'],
    occurredAt: '2025-04-01T09:00:00Z',
  });
  await assess(call, mary, indicators('pc.self-confidence', 'engaged'), '2025-04-01T10:00:00Z');
  await assess(call, mary, indicators('pc.self-confidence', 'established').slice(0, 1), '2025-04-01T11:00:00Z', {
    source: 'colleague',
  });
  await evidence({
    kind: 'learning-activity',
    mode: 'formal',
    title: 'Dementia awareness',
    duration: 'PT3H30M',
    capabilityIds: ['pc.lifelong-learning'],
    occurredAt: '2025-05-01T16:00:00Z',
  });
  await evidence({
    kind: 'learning-need',
    title: 'Flexibility: understanding the new rota',
    targetStage: 'engaged',
    agreedWith: JOHN,
    capabilityIds: ['pc.flexibility'],
    occurredAt: '2025-06-15T10:00:00Z',
  });
}

/** Developing others at accomplished, initiative at established (a performance review with Sarah). */
export async function recordMichaelEvidence(call: Call, michael: string): Promise<void> {
  const sarah = { name: 'Sarah', mbox: 'mailto:sarah@demo-care.example.org' };
  await call('POST', `/api/workers/${michael}/evidence`, {
    kind: 'qualification',
    title: 'Certificate in Child Care and Protection',
    scqfLevel: 9,
    occurredAt: '2019-06-30T12:00:00Z',
  });
  await assess(call, michael, indicatorsUpTo('pc.developing-others', 'accomplished'), '2025-09-01T09:00:00Z', {
    assessor: sarah,
  });
  await assess(call, michael, indicatorsUpTo('pc.initiative', 'established'), '2025-09-01T09:30:00Z', {
    assessor: sarah,
  });
  await call('POST', `/api/workers/${michael}/evidence`, {
    kind: 'plan-item',
    title: 'Practice Learning Qualification (Social Services)',
    targetStage: 'exemplary',
    capabilityIds: ['pc.developing-others'],
    occurredAt: '2025-09-01T10:00:00Z',
  });
}

/** A practitioner aiming to be a manager: motivating and leading others at engaged, self confidence at established. */
export async function recordSunitaEvidence(call: Call, sunita: string): Promise<void> {
  const ray = { name: 'Ray', mbox: 'mailto:ray@demo-care.example.org' };
  await call('POST', `/api/workers/${sunita}/evidence`, {
    kind: 'qualification',
    title: 'HNC Early Education and Childcare',
    scqfLevel: 7,
    occurredAt: '2021-06-30T12:00:00Z',
  });
  await assess(call, sunita, indicatorsUpTo('pc.motivating-and-leading-others', 'engaged'), '2025-10-01T10:00:00Z', {
    assessor: ray,
  });
  await assess(call, sunita, indicatorsUpTo('pc.self-confidence', 'established'), '2025-10-01T10:30:00Z', {
    assessor: ray,
  });
  await call('POST', `/api/workers/${sunita}/evidence`, {
    kind: 'plan-item',
    title: 'Lead the playroom project',
    targetStage: 'accomplished',
    capabilityIds: ['pc.motivating-and-leading-others'],
    occurredAt: '2025-10-01T11:00:00Z',
  });
}

function demoPassword(): string {
  return `demo-${randomBytes(9).toString('base64url')}`;
}

export async function createUsers(call: Call, workers: DemoCredentials['workers']): Promise<DemoCredentials['users']> {
  const users = [
    {
      email: 'lead@demo-care.example.org',
      displayName: 'Lena (learning lead)',
      role: 'learning lead',
      roles: [{ kind: 'learning-lead', organisationId: DEMO_ORGANISATION_ID }],
    },
    {
      email: 'john@demo-care.example.org',
      displayName: 'John (line manager)',
      role: 'line manager of Mary, Michael and Sunita',
      roles: [
        {
          kind: 'line-manager',
          organisationId: DEMO_ORGANISATION_ID,
          workerIds: [workers.mary, workers.michael, workers.sunita],
        },
      ],
    },
    {
      email: 'mary@demo-care.example.org',
      displayName: 'Mary',
      role: 'worker (Mary)',
      roles: [{ kind: 'worker', workerId: workers.mary }],
    },
    {
      email: 'evaluator@demo-care.example.org',
      displayName: 'Eve (evaluator)',
      role: 'national evaluator (trends, never a person)',
      roles: [{ kind: 'evaluator' }],
    },
  ];
  const created: DemoCredentials['users'] = [];
  for (const { roles, role, ...user } of users) {
    const password = demoPassword();
    await call('POST', '/api/admin/users', { ...user, password, roles });
    created.push({ email: user.email, displayName: user.displayName, password, role });
  }
  return created;
}

/** Aware of the CLF from autumn 2023, using it from spring 2024 (seed 002's counts of employers aware and using). */
export async function recordClfAdoption(call: Call): Promise<void> {
  await call('POST', `/api/organisations/${DEMO_ORGANISATION_ID}/adoption`, { status: 'aware', date: '2023-09-01' });
  await call('POST', `/api/organisations/${DEMO_ORGANISATION_ID}/adoption`, { status: 'using', date: '2024-03-01' });
}

const SURVEY_STAFF = ['Aileen', 'Bruce', 'Catriona', 'Duncan', 'Eilidh', 'Fraser', 'Gordon'];

/**
 * The staff who answer the audits' surveys, each signed in as themselves: Mary and seven colleagues
 * (support workers since 2018). The colleagues' passwords are random and not kept: their accounts
 * exist so the survey is answered through the real, anonymous path.
 */
async function surveyRespondents(call: Call, signIn: SignIn, users: DemoCredentials['users']): Promise<Call[]> {
  const mary = users.find((u) => u.email.startsWith('mary@'))!;
  const colleague = async (name: string): Promise<Call> => {
    const email = `${name.toLowerCase()}@demo-care.example.org`;
    const { id } = await call<{ id: string }>('POST', '/api/workers', {
      name,
      identifiers: [{ mbox: `mailto:${email}` }],
      organisationId: DEMO_ORGANISATION_ID,
      joinedOn: '2018-05-01',
    });
    await call('POST', `/api/workers/${id}/roles`, { roleId: 'demo-support-worker', from: '2018-05-01' });
    const password = demoPassword();
    await call('POST', '/api/admin/users', {
      email,
      displayName: name,
      password,
      roles: [{ kind: 'worker', workerId: id }],
    });
    return signIn(email, password);
  };
  // Independent people: registered side by side, so the first start stays short.
  return [await signIn(mary.email, mary.password), ...(await Promise.all(SURVEY_STAFF.map(colleague)))];
}

/** Organisation indicators of a capability's stages up to `stage`, lowest first. */
function organisationIndicatorsUpTo(capabilityIndex: number, stage: StageName): string[] {
  const order: StageName[] = ['engaged', 'established', 'accomplished', 'exemplary'];
  const capability = organisationalCapabilities[capabilityIndex]!;
  return capability.stages
    .filter((s) => order.indexOf(s.stage) <= order.indexOf(stage))
    .flatMap((s) => s.organisationIndicators.map((i) => i.id));
}

interface CyclePlan {
  startedOn: string;
  completedOn?: string;
  /** Per capability (index 0-5): the highest stage whose organisation indicators are all achieved, or none. */
  achievedUpTo: (StageName | null)[];
  /** How strongly staff agree (1-5) with the engaged worker indicators, respondent by respondent. */
  agreement: number[];
  actions: {
    capabilityIndex: number;
    description: string;
    due: string;
    status?: 'done' | 'dropped';
    changedOn?: string;
  }[];
}

/**
 * Three self-audits, a year apart: spring 2024 and spring 2025 completed (two
 * capabilities move up, capability 6 slips back), and the one open since November 2026. Each completed
 * cycle has a staff survey of eight respondents and an action plan followed through.
 */
const AUDIT_PLANS: CyclePlan[] = [
  {
    startedOn: '2024-02-01',
    completedOn: '2024-04-30',
    achievedUpTo: ['engaged', null, null, 'engaged', null, 'engaged'],
    agreement: [4, 5, 3, 4, 2, 4, 5, 4],
    actions: [
      {
        capabilityIndex: 0,
        description: 'Monthly reflective practice groups for every team',
        due: '2024-09-30',
        status: 'done',
        changedOn: '2024-09-15',
      },
      {
        capabilityIndex: 2,
        description: 'Induction covers the CLF and the learning record',
        due: '2024-12-31',
        status: 'done',
        changedOn: '2025-01-20',
      },
      {
        capabilityIndex: 4,
        description: 'Peer observation pilot',
        due: '2024-12-31',
        status: 'dropped',
        changedOn: '2024-11-01',
      },
    ],
  },
  {
    startedOn: '2025-02-01',
    completedOn: '2025-04-30',
    achievedUpTo: ['established', 'engaged', null, 'engaged', null, null],
    agreement: [5, 5, 4, 4, 4, 3, 5, 2],
    actions: [
      {
        capabilityIndex: 0,
        description: 'Learning champions in each service',
        due: '2025-12-31',
        status: 'done',
        changedOn: '2025-11-30',
      },
      { capabilityIndex: 5, description: 'Restart supervision records after the system change', due: '2025-10-31' },
    ],
  },
  { startedOn: '2026-11-01', achievedUpTo: ['engaged', null, null, null, null, null], agreement: [], actions: [] },
];

async function runAudits(call: Call, staff: Call[]): Promise<void> {
  for (const plan of AUDIT_PLANS) await runAudit(call, staff, plan);
}

async function runAudit(call: Call, staff: Call[], plan: CyclePlan): Promise<void> {
  const audits = `/api/organisations/${DEMO_ORGANISATION_ID}/audits`;
  const { id } = await call<{ id: string }>('POST', audits, { startedOn: plan.startedOn });
  const cycle = `${audits}/${id}`;
  // Entries of one cycle are independent (each its own statement and event): sent side by side, so the
  // first start stays short; the reactor takes them in log order.
  const entries: Promise<unknown>[] = allAuditQuestions.slice(0, 2).map((question) =>
    call('PUT', `${cycle}/answers/${question.id}`, {
      response: `Discussed at the team leaders' meeting of ${plan.startedOn}; minutes on the shared drive.`,
    }),
  );
  for (const [index, stage] of plan.achievedUpTo.entries()) {
    const achieved = stage === null ? [] : organisationIndicatorsUpTo(index, stage);
    // The first indicator not achieved is assessed too, so the review shows it as an area for development.
    const next = organisationIndicatorsUpTo(index, 'exemplary')[achieved.length];
    for (const indicatorId of achieved)
      entries.push(
        call('PUT', `${cycle}/indicators/${indicatorId}`, {
          achieved: true,
          evidence: 'See the service improvement plan.',
        }),
      );
    if (next) entries.push(call('PUT', `${cycle}/indicators/${next}`, { achieved: false }));
  }
  const engagedWorkerIndicators = organisationalCapabilities.flatMap((c) =>
    c.stages[0]!.workerIndicators.map((i) => i.id),
  );
  for (const [n, agreement] of plan.agreement.entries()) {
    entries.push(
      staff[n]!('POST', `${cycle}/survey-responses`, {
        answers: engagedWorkerIndicators.map((indicatorId) => ({ indicatorId, agreement })),
      }),
    );
  }
  await Promise.all(entries);
  const planned = await Promise.all(
    plan.actions.map(async (action) => {
      const indicatorId = organisationIndicatorsUpTo(action.capabilityIndex, 'exemplary')[0]!;
      const { id: actionId } = await call<{ id: string }>('POST', `${cycle}/actions`, {
        indicatorId,
        description: action.description,
        owner: 'Lena (learning lead)',
        due: action.due,
      });
      return { ...action, actionId };
    }),
  );
  if (plan.completedOn) await call('POST', `${cycle}/complete`, { completedOn: plan.completedOn });
  await Promise.all(
    planned.flatMap((action) =>
      action.status
        ? [call('PUT', `${cycle}/actions/${action.actionId}`, { status: action.status, changedOn: action.changedOn })]
        : [],
    ),
  );
}

export async function createLrsClient(call: Call, baseUrl: string): Promise<DemoCredentials['lrs']> {
  const scopes = ['statements/write', 'statements/read', 'state', 'profile'];
  const client = await call<{ key: string; secret: string }>('POST', '/api/admin/lrs-clients', {
    name: 'Demo LMS',
    organisationId: DEMO_ORGANISATION_ID,
    scopes,
  });
  return { endpoint: `${baseUrl}/xapi/`, key: client.key, secret: client.secret, scopes };
}

export function printDemoCredentials(credentials: DemoCredentials, baseUrl: string, file: string, log: Log): void {
  log(`  demo data (credentials kept in ${file}):`);
  for (const user of credentials.users) log(`    sign in as ${user.role}: ${user.email} / ${user.password}`);
  log(`    Mary's capabilities: ${baseUrl}/api/workers/${credentials.workers.mary}/capabilities`);
  log(
    `    LRS client (HTTP Basic at ${credentials.lrs.endpoint}): key ${credentials.lrs.key} / secret ${credentials.lrs.secret}`,
  );
}
