import 'reflect-metadata';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { createApiApp } from '../apps/api/src/app.js';
import { loadConfig } from '#libs/config';
import {
  fileJournal,
  generatePlan,
  sendPlan,
  type GenerateOptions,
  type SendPhase,
  type SendProgress,
  type SendResult,
} from '#libs/generator';
import { startBackgroundWork, startRuntime } from '#libs/composition';
import { ProjectionRunner, rebuildProjection, waitForCaughtUp } from '#libs/projections';
import { TRENDS, trendsProjection, type Trend } from '#libs/evaluation';
import { personalCapabilities, organisationalCapabilities } from '#libs/framework';
import { lowerPasswordCostForBenchmarks } from '#libs/identity';
import { hostSpeedMs, machineLine, writeBenchmarkSection } from './support.js';

/**
 * The national scale of seed 002 (8,000 organisations, 164,000 workers, 4 years), generated through
 * the platform's real write paths (the generator's /api commands and /xapi batches) into an embedded
 * PostgreSQL under BENCH_DATA_DIR, with every projection and reactor running in the same process.
 *
 * The data directory is kept between runs: a run that finds the same data set there (its marker file)
 * skips the generation and measures the store again; one that finds a generation cut off part way (its
 * journal, no marker) resumes it after the last step sent, for the same end state. Smaller scales: BENCH_ORGANISATIONS, BENCH_WORKERS.
 * BENCH_STOP_AFTER=<phase> stops the generation once that phase is done (each phase's time is printed).
 *
 * Then the trend projection is rebuilt from the log (its rate; the rebuild also brings a kept data set
 * up to the current code's cells) and every trend endpoint is timed over a mix of `by`, filters and
 * capabilities (`TREND_QUERIES`): p95 per trend, BENCH_TREND_REPEATS times each query (default 10).
 */
const options: GenerateOptions = {
  organisations: Number(process.env.BENCH_ORGANISATIONS ?? 8000),
  workers: Number(process.env.BENCH_WORKERS ?? 164_000),
  years: Number(process.env.BENCH_YEARS ?? 4),
  seed: process.env.BENCH_SEED ?? 'national',
  until: process.env.BENCH_UNTIL ?? '2025-12-31',
  surveyRespondents: Number(process.env.BENCH_SURVEY_RESPONDENTS ?? 5),
};
const DATA_DIR = resolve(
  process.env.BENCH_DATA_DIR ?? `.data-bench-national-${options.organisations}-${options.workers}`,
);
const MARKER = join(DATA_DIR, 'generated.json');
const PHASES: readonly SendPhase[] = ['organisations', 'workers', 'audits', 'statements', 'done'];
const STOP_AFTER = process.env.BENCH_STOP_AFTER as SendPhase | undefined;
if (STOP_AFTER && !PHASES.includes(STOP_AFTER)) throw new Error(`BENCH_STOP_AFTER: one of ${PHASES.join(', ')}`);
/** The generator's lanes: statement batches in flight are half this, /api commands four times it. */
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 8);
/** Statements per xAPI batch (within the LRS's XAPI_MAX_BATCH_STATEMENTS and MAX_REQUEST_BYTES). */
const BATCH_SIZE = Number(process.env.BENCH_BATCH_SIZE ?? 500);
/**
 * BENCH_PASSWORD_N: the scrypt cost (N, a power of two) at which this run hashes the survey respondents'
 * passwords, for a national run that must fit one sitting; unset, the platform's own (2^15). The
 * generation signs up four years of respondents within an hour, which production never does.
 */
const PASSWORD_N = process.env.BENCH_PASSWORD_N === undefined ? undefined : Number(process.env.BENCH_PASSWORD_N);
if (PASSWORD_N !== undefined && !(Number.isInteger(Math.log2(PASSWORD_N)) && PASSWORD_N >= 2 ** 10)) {
  throw new Error('BENCH_PASSWORD_N: a power of two, at least 1024');
}
/** Every step the generation has sent (JSON lines): an interrupted run resumes after the last. */
const JOURNAL = join(DATA_DIR, 'generation.journal');

interface Generated {
  options: GenerateOptions;
  result: SendResult;
  eventsWritten: number;
  catchUpSeconds: number;
  hostSpeedBefore: number;
  loadBefore: string;
  /** The respondents' password cost when BENCH_PASSWORD_N lowered it. */
  passwordN?: number;
  ranAt: string;
}

async function main(): Promise<void> {
  mkdirSync(DATA_DIR, { recursive: true });
  const adminToken = 'bench-national-admin-token-0123456789';
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    DATA_DIR,
    ADMIN_TOKEN: adminToken,
    DEMO_DATA: 'false',
    XAPI_WRITE_WAIT_MS: '0',
  };
  // Embedded PostgreSQL and in-process jobs, as `npm start` runs: the data stays in DATA_DIR.
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'EVENT_STORE', 'EVENTSTORE_URL']) delete env[key];
  const runtime = await startRuntime(loadConfig(env));
  let generated = existsSync(MARKER) ? (JSON.parse(readFileSync(MARKER, 'utf8')) as Generated) : undefined;
  if (generated && JSON.stringify(generated.options) !== JSON.stringify(options)) {
    await runtime.close();
    throw new Error(`${DATA_DIR} holds another data set (${JSON.stringify(generated.options)}): set BENCH_DATA_DIR`);
  }
  // On a kept data set the trends are rebuilt before the projection runner starts: a migration may have
  // dropped the read model, and the runner would build it again batch by batch while the rebuild is timed.
  const keptRebuild = generated ? await rebuildTrends(runtime) : undefined;
  // While generating, every read model but `trends` runs live: the bench rebuilds `trends` from the log
  // afterwards anyway (its rate is one of the measures), and live in this one process its batches hold
  // the event loop for minutes at a time on a loaded host, stalling the API under test (in production
  // it runs in the background process, apps/background, not the API's).
  const live = runtime.projections.filter((p) => p.name !== trendsProjection.name);
  const worker = startBackgroundWork(generated ? runtime : { ...runtime, projections: live });
  // Once generated and rebuilt, `trends` runs live beside the others (the background work's job
  // processors are registered once per process, so it is not started again).
  let trendsRunner: ProjectionRunner | undefined;
  const app = await createApiApp(runtime, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const baseUrl = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const eventCount = async () =>
    Number((await runtime.pool.query('select count(*)::bigint as n from events')).rows[0].n);
  try {
    if (!generated) generated = await generate(baseUrl, adminToken, { ...runtime, projections: live }, eventCount);
    if (!generated) return;
    else console.log(`reusing the data set generated ${generated.ranAt} in ${DATA_DIR}`);
    // A kept data set may need read models built again (a migration dropped one): not while timing.
    await waitForCaughtUp(runtime.pool, runtime.store, live, 24 * 3600_000);
    const store = await storeSize(runtime.pool);
    const statements = generated.result.statements;
    let rebuild = keptRebuild;
    if (!rebuild) {
      rebuild = await rebuildTrends(runtime);
      trendsRunner = new ProjectionRunner({
        pool: runtime.pool,
        store: runtime.store,
        projections: [trendsProjection],
      });
      trendsRunner.start();
    }
    await waitForCaughtUp(runtime.pool, runtime.store, runtime.projections, 24 * 3600_000);
    const trends = await timeTrends(baseUrl, adminToken);
    console.log(JSON.stringify({ rebuild, trends }));
    writeBenchmarkSection('national', report(generated, store, await eventCount(), statements, { rebuild, trends }));
    console.log(`written to BENCHMARKS.md (section national); data kept in ${DATA_DIR}`);
  } finally {
    await app.close();
    await trendsRunner?.stop();
    await worker.stop();
    await runtime.close();
  }
}

async function rebuildTrends(runtime: Awaited<ReturnType<typeof startRuntime>>) {
  const load = loadNow();
  const rebuild = await rebuildProjection({ pool: runtime.pool, store: runtime.store, projection: trendsProjection });
  console.log(
    `trends rebuilt: ${rebuild.events} events in ${rebuild.seconds.toFixed(1)} s, ${rebuild.eventsPerSecond} events/s (load average ${load} at the start)`,
  );
  return rebuild;
}

async function generate(
  baseUrl: string,
  adminToken: string,
  runtime: Awaited<ReturnType<typeof startRuntime>>,
  eventCount: () => Promise<number>,
): Promise<Generated | undefined> {
  if (PASSWORD_N !== undefined) {
    lowerPasswordCostForBenchmarks({ N: PASSWORD_N, r: 8, p: 1 });
    console.log(`passwords hashed at scrypt N=${PASSWORD_N} in this run (BENCH_PASSWORD_N; the platform: 2^15)`);
  }
  const hostSpeedBefore = hostSpeedMs();
  const loadBefore = readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');
  const eventsBefore = await eventCount();
  const plan = generatePlan(options);
  console.log(
    `plan: ${plan.organisations.length} organisations, ${plan.workers.length} workers, ${plan.firstYear}-${plan.lastYear}`,
  );
  const journal = fileJournal(JOURNAL, options);
  if (journal.resumed > 0) console.log(`resuming the generation: ${journal.resumed} steps already sent (${JOURNAL})`);
  const progress = progressLine();
  // BENCH_STOP_AFTER=<phase>: stop once that phase is done (to time the phases before it); the journal
  // keeps what was sent, so a later run resumes there.
  const stop = new AbortController();
  const onProgress = (p: SendProgress) => {
    progress(p);
    if (STOP_AFTER && PHASES.indexOf(p.phase) > PHASES.indexOf(STOP_AFTER)) stop.abort();
  };
  const result = await sendPlan(plan, {
    baseUrl,
    adminToken,
    onProgress,
    journal,
    signal: stop.signal,
    concurrency: CONCURRENCY,
    batchSize: BATCH_SIZE,
  }).catch((error: unknown) => {
    if (!stop.signal.aborted) throw error;
    console.log(`stopped after the ${STOP_AFTER} phase (BENCH_STOP_AFTER); ${JOURNAL} resumes the generation`);
    return undefined;
  });
  if (!result) return undefined;
  const caughtUp = performance.now();
  await waitForCaughtUp(runtime.pool, runtime.store, runtime.projections, 24 * 3600_000);
  const generated: Generated = {
    options,
    result,
    eventsWritten: (await eventCount()) - eventsBefore,
    catchUpSeconds: Number(((performance.now() - caughtUp) / 1000).toFixed(1)),
    hostSpeedBefore,
    loadBefore,
    ...(PASSWORD_N === undefined ? {} : { passwordN: PASSWORD_N }),
    ranAt: new Date().toISOString(),
  };
  writeFileSync(MARKER, `${JSON.stringify(generated, null, 2)}\n`);
  return generated;
}

/**
 * Every 10 s: the phase, done of total, the rate over the last line and over the phase, and an ETA for
 * the phase's remaining work at the phase's rate. A unit is a command or a statement, so the run's
 * remaining time mixes phases of very different rates: the ETA is per phase.
 */
function progressLine(): (progress: SendProgress) => void {
  let last = { at: performance.now(), processed: 0 };
  let phaseStart = { phase: '', at: performance.now(), processed: 0 };
  return ({ phase, processed, total, phaseTotal, phaseProcessed }) => {
    const now = performance.now();
    if (phase !== phaseStart.phase) {
      if (phaseStart.phase)
        console.log(`${phaseStart.phase} phase: ${((now - phaseStart.at) / 1000).toFixed(1)} s; load ${loadNow()}`);
      phaseStart = { phase, at: now, processed: phaseProcessed };
    }
    if (now - last.at < 10_000 && phase !== 'done') return;
    const recent = ((processed - last.processed) / (now - last.at)) * 1000;
    const phaseRate = ((phaseProcessed - phaseStart.processed) / (now - phaseStart.at)) * 1000;
    const eta = phaseRate > 0 ? duration(Math.round((phaseTotal - phaseProcessed) / phaseRate)) : '?';
    last = { at: now, processed };
    console.log(
      `${new Date().toISOString()} ${phase}: ${phaseProcessed}/${phaseTotal} (${((processed / total) * 100).toFixed(1)}% of the run), ${recent.toFixed(1)}/s now, ${phaseRate.toFixed(1)}/s this phase, phase ETA ${eta}; load ${loadNow()}`,
    );
  };
}

async function storeSize(
  pool: Awaited<ReturnType<typeof startRuntime>>['pool'],
): Promise<{ database: number; events: number }> {
  const { rows } = await pool.query(
    "select pg_database_size(current_database())::bigint as database, pg_total_relation_size('events')::bigint as events",
  );
  return { database: Number(rows[0].database), events: Number(rows[0].events) };
}

/** Each trend's queries: national, by each segment, combined filters, and a capability where it applies. */
const TREND_QUERIES: Record<Trend, string[]> = Object.fromEntries(
  TRENDS.map((trend) => {
    const queries = [
      '',
      '?by=sector',
      '?by=region',
      '?by=sizeBand',
      '?by=serviceType&sector=private',
      '?sector=voluntary&region=Highland',
    ];
    if (trend === 'personal-capabilities' || trend === 'learning-volume' || trend === 'role-fit' || trend === 'impact')
      queries.push('?by=role');
    if (trend === 'personal-capabilities')
      queries.push(
        `?capabilityId=${personalCapabilities[0]!.id}&by=region`,
        `?capabilityId=${personalCapabilities[1]!.id}`,
      );
    if (trend === 'organisational-capabilities')
      queries.push(`?capabilityId=${organisationalCapabilities[0]!.id}&by=region`);
    // A capability trend is segmented one capability at a time (`by` requires `capabilityId`).
    const capability = {
      'personal-capabilities': personalCapabilities,
      'organisational-capabilities': organisationalCapabilities,
    }[trend as string]?.[2]?.id;
    const one = (q: string) =>
      capability && q.includes('by=') && !q.includes('capabilityId') ? `${q}&capabilityId=${capability}` : q;
    return [trend, queries.map((q) => `/api/trends/${trend}${one(q)}`)];
  }),
) as Record<Trend, string[]>;
const TREND_REPEATS = Number(process.env.BENCH_TREND_REPEATS ?? 10);

interface TrendTimes {
  /** p95 over every query of the trend, milliseconds. */
  readonly p95: number;
  readonly slowest: { readonly path: string; readonly p95: number };
  readonly samples: number;
}

const p95 = (ms: readonly number[]) => [...ms].sort((a, b) => a - b)[Math.ceil(ms.length * 0.95) - 1]!;

/** One query at a time (an evaluator's click), each repeated; a non-200 stops the bench. */
async function timeTrends(baseUrl: string, adminToken: string): Promise<Record<string, TrendTimes>> {
  const out: Record<string, TrendTimes> = {};
  for (const [trend, paths] of Object.entries(TREND_QUERIES)) {
    const all: number[] = [];
    let slowest = { path: '', p95: -1 };
    for (const path of paths) {
      const times: number[] = [];
      for (let i = 0; i < TREND_REPEATS; i++) {
        const started = performance.now();
        const response = await fetch(`${baseUrl}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
        await response.arrayBuffer();
        if (response.status !== 200) throw new Error(`${path}: ${response.status}`);
        times.push(performance.now() - started);
      }
      all.push(...times);
      if (p95(times) > slowest.p95) slowest = { path, p95: Math.round(p95(times)) };
    }
    out[trend] = { p95: Math.round(p95(all)), slowest, samples: all.length };
  }
  return out;
}

function report(
  g: Generated,
  store: { database: number; events: number },
  events: number,
  statements: number,
  measured: {
    rebuild: { events: number; seconds: number; eventsPerSecond: number };
    trends: Record<string, TrendTimes>;
  },
): string {
  const r = g.result;
  const workerYears = g.options.workers * g.options.years;
  const perMillion = (bytes: number) => `${(((bytes / statements) * 1e6) / 2 ** 30).toFixed(2)} GiB`;
  const national = g.options.organisations === 8000 && g.options.workers === 164_000;
  const n = (x: number) => x.toLocaleString('en-GB');
  return [
    '## National scale (data generator) — `npm run bench:national`',
    '',
    `Run ${g.ranAt.slice(0, 10)} on ${machineLine()}; embedded PostgreSQL 18 under ${DATA_DIR.split('/').pop()} (kept between runs), the API, every projection and reactor and the generator in one process (\`XAPI_WRITE_WAIT_MS=0\`). Load average when the run started: ${g.loadBefore} (other work shared the 2 cores); host speed (fixed JavaScript loop, lower is faster): ${g.hostSpeedBefore} ms (333-360 ms in the LRS run above, on a quiet host).`,
    ...(g.passwordN === undefined
      ? []
      : [
          `The survey respondents' passwords were hashed at scrypt N=${n(g.passwordN)} (\`BENCH_PASSWORD_N\`), not the platform's 32,768: the audits phase's sign-ups are not what this run measures.`,
        ]),
    national
      ? 'Scale: the national one of seed 002.'
      : `**Scale: ${n(g.options.organisations)} organisations, ${n(g.options.workers)} workers, ${g.options.years} years: NOT the national scale** (8,000 / 164,000). The full run: \`npm run bench:national\` (defaults), hours on 2 cores; its data directory is kept, so a second run only measures.`,
    '',
    '| measure | figure |',
    '|---|---|',
    `| generated | ${n(r.organisations)} organisations, ${n(r.workers)} workers, ${n(r.adoptionRecords)} adoption records, ${n(r.audits)} audit cycles, ${n(r.surveyResponses)} survey answers |`,
    `| statements (xAPI, CLF profile) | ${n(statements)} in ${n(r.statementBatches)} batches: ${(statements / workerYears).toFixed(1)} per worker-year (worker-years counted as workers × years) |`,
    `| /api requests besides statements | ${n(r.requests - r.statementBatches)} |`,
    `| events in the log | ${n(events)} (${n(g.eventsWritten)} written by this generation: statements, the reactor's evidence and registrations, /api commands) |`,
    `| generation time | ${duration(r.seconds)}, then ${g.catchUpSeconds} s until every projection caught up |`,
    `| generation rate | ${n(Math.round(statements / r.seconds))} statements/s, ${n(Math.round(g.eventsWritten / (r.seconds + g.catchUpSeconds)))} events/s over the whole run (projections caught up) |`,
    `| phases | ${Object.entries(r.phaseSeconds)
      .map(([phase, s]) => `${phase} ${duration(s)}`)
      .join(
        ', ',
      )}; statements phase: ${n(Math.round(statements / (r.phaseSeconds.statements ?? r.seconds)))} statements/s (${Math.max(1, Math.floor(CONCURRENCY / 2))} batches of ${BATCH_SIZE} in flight, each from its organisation's LRS client); /api phases ${CONCURRENCY * 4} commands in flight, each answering once its read model has it |`,
    `| store on disk | database ${(store.database / 2 ** 30).toFixed(2)} GiB (event log ${(store.events / 2 ** 30).toFixed(2)} GiB); per million statements: ${perMillion(store.database)} (log ${perMillion(store.events)}) |`,
    `| trend projection rebuild (\`trends\`, from the log, ${new Date().toISOString().slice(0, 16)}Z, load average ${loadNow()}) | ${n(measured.rebuild.events)} events in ${measured.rebuild.seconds.toFixed(1)} s: **${n(measured.rebuild.eventsPerSecond)} events/s** (target: half the event store's catch-up read, 128,116 events/s above) |`,
    ...Object.entries(measured.trends).map(
      ([trend, t]) =>
        `| \`/api/trends/${trend}\` p95 (${t.samples} requests, ${TREND_QUERIES[trend as Trend].length} queries; target < 50 ms) | **${t.p95} ms**; slowest query \`${t.slowest.path.replace(`/api/trends/${trend}`, '') || '(none)'}\` ${t.slowest.p95} ms |`,
    ),
    '',
    "The /api phases dominate: every command answers once its read model has the change (read-your-writes), so on a shared 2-core host they run at tens of commands per second however many are in flight, while statements go in batches at over a thousand a second. The audits' self-assessment is one `PUT` per achieved organisation indicator (up to ~40 per cycle).",
    national
      ? ''
      : `Scaled linearly to the national set (×${(164_000 / g.options.workers).toFixed(0)} workers): ~${n(Math.round(((statements * 164_000) / g.options.workers / 1e6) * 10) / 10)} million statements and ~${n(Math.round(((r.seconds * 164_000) / g.options.workers / 3600) * 10) / 10)} hours at this run's rates; the store ~${(((store.database / statements) * ((statements * 164_000) / g.options.workers)) / 2 ** 30).toFixed(0)} GiB.`,
    '',
  ].join('\n');
}

const loadNow = () => readFileSync('/proc/loadavg', 'utf8').split(' ').slice(0, 3).join(' / ');

function duration(seconds: number): string {
  const m = Math.floor(seconds / 60);
  return m ? `${m} min ${Math.round(seconds % 60)} s` : `${seconds} s`;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
