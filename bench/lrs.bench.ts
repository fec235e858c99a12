import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../apps/api/src/app.js';
import { loadConfig } from '#libs/config';
import type { AppendRequest } from '#libs/event-store';
import { startRuntime } from '#libs/composition';
import type { Runtime } from '#libs/platform';
import { liveSchema, ProjectionRunner, waitForCaughtUp, type Projection } from '#libs/projections';
import { STATEMENT_STORED, statementStreamId } from '../libs/xapi/src/lrs/statements/statement-events.js';
import { STATEMENTS_PROJECTION } from '../libs/xapi/src/lrs/statements/statements.projection.js';
import { fork, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';
import {
  ACTIVITIES,
  activity,
  AGENTS,
  BATCH,
  benchStatement,
  CLIENTS,
  mbox,
  VERBS,
  verbs,
  type LoadDone,
  type LoadRequest,
} from './lrs-load.js';
import { benchDatabase, hostSpeedMs, machineLine, roundTripMicros, writeBenchmarkSection } from './support.js';

const INGEST = Number(process.env.BENCH_INGEST ?? 100_000);
const TOTAL = Number(process.env.BENCH_TOTAL ?? 1_000_000);
const WARM_UP = 5_000;
const CLIENT_KEY = 'bench-client';
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
interface Percentiles {
  p50: number;
  p95: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  return { p50: at(0.5), p95: at(0.95) };
}

async function main(): Promise<void> {
  const db = await benchDatabase(4);
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-lrs-bench-'));
  const key = CLIENT_KEY;
  const secret = randomBytes(18).toString('base64url');
  const runtime = await startRuntime(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_TOKEN: randomBytes(18).toString('base64url'),
      RUN_WORKER: 'true',
      LRS_BOOTSTRAP_KEY: key,
      LRS_BOOTSTRAP_SECRET: secret,
    }),
  );
  // BENCH_PROJECTIONS=xapi-statements,... runs only those projections: to see one read model's cost.
  const only = process.env.BENCH_PROJECTIONS?.split(',');
  const running = only ? runtime.projections.filter((p) => only.includes(p.name)) : runtime.projections;
  // The projections run in a worker process of their own (apps/background), as the compose file deploys
  // them; BENCH_WORKER=inline runs them inside the API process, as `npm start` does (and is implied by
  // BENCH_PROJECTIONS).
  const inline = process.env.BENCH_WORKER === 'inline' || only !== undefined;
  const startProjections = async () => (inline ? startRunner(runtime, running) : await startWorkerProcess(db.url));
  let worker = await startProjections();
  const shape = inline
    ? 'the server and the projection worker in one process (as `npm start` runs them, `BENCH_WORKER=inline`)'
    : 'the server in one process and the background process (apps/background) in another, as the compose file deploys them';
  const app = await createApiApp(runtime, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}/xapi`;
  const headers = {
    authorization: `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`,
    'x-experience-api-version': '1.0.3',
    'content-type': 'application/json',
  };
  console.log(`LRS benchmark against ${base} (${db.describe})`);
  // The machine may be shared: the load average tells how much else was running.
  const startLoad = loadavg()
    .map((l) => l.toFixed(1))
    .join(' / ');
  const speedBefore = hostSpeedMs();
  const roundTripBefore = await roundTripMicros(runtime.pool);
  console.log(`Host: a fixed JavaScript loop ${speedBefore} ms, a PostgreSQL round trip ${roundTripBefore} µs`);

  // 1. Ingest over HTTP: 8 clients POST batches of 100 statements, in two halves: first each response
  //    waits until its statements are queryable (XAPI_WRITE_WAIT_MS, the default), then responses come
  //    once the statements are durably in the log and the clock runs until the query model has them all.
  // A first 5,000 statements, not counted, so neither half pays for JIT warm-up and empty tables.
  let posted = (await ingest(runtime, running, base, headers, 0, WARM_UP, 0)).statements;
  const queryable = await ingest(runtime, running, base, headers, posted, (INGEST - WARM_UP) / 2, 2000);
  posted += queryable.statements;
  const durable = await ingest(runtime, running, base, headers, posted, INGEST - posted, 0);
  posted += durable.statements;

  // As autovacuum would within a minute of a bulk load: the bench does not wait for it.
  await analyseStatements(runtime);
  const at100k = await measureQueries(runtime, base, headers, posted);

  // 2. Grow the store to TOTAL straight through the event store (large atomic batches) with the
  //    projections stopped, then start them and time their catch-up, as after a worker outage.
  await worker.stop();
  const loadStart = performance.now();
  const authority = {
    objectType: 'Agent',
    name: 'Bootstrap client',
    account: { homePage: 'urn:continuum:lrs-client', name: key },
  };
  for (let n = posted; n < TOTAL; n += 2000) {
    const requests: AppendRequest[] = [];
    for (let i = n; i < Math.min(TOTAL, n + 2000); i++) {
      const statement: Record<string, unknown> = { ...benchStatement(i), authority, version: '1.0.0' };
      requests.push({
        streamId: statementStreamId('default', statement.id as string),
        expectedRevision: 'no_stream',
        events: [{ type: STATEMENT_STORED, data: { statement }, metadata: { tenantId: 'default', actor: key } }],
      });
    }
    await runtime.store.appendMany(requests);
    if ((n - posted) % 100_000 === 0) console.log(`  loaded ${n.toLocaleString()}`);
  }
  const loadSeconds = (performance.now() - loadStart) / 1000;
  console.log(`Loaded to ${TOTAL.toLocaleString()} in ${loadSeconds.toFixed(1)} s; starting the projections`);
  const catchUpStart = performance.now();
  worker = await startProjections();
  await waitForProjections(runtime, running, [STATEMENTS_PROJECTION], 3_600_000);
  const catchUpSeconds = (performance.now() - catchUpStart) / 1000;
  const catchUpRate = Math.round((TOTAL - posted) / catchUpSeconds);
  console.log(
    `Statements projection caught up in ${catchUpSeconds.toFixed(1)} s (${catchUpRate.toLocaleString()} statements/s)`,
  );
  // Queries are measured on a quiet platform: every projection and reactor has caught up first.
  await waitForProjections(runtime, running, undefined, 3_600_000);
  const allSeconds = (performance.now() - catchUpStart) / 1000;
  const allRate = Math.round((TOTAL - posted) / allSeconds);
  console.log(`Every projection caught up in ${allSeconds.toFixed(1)} s (${allRate.toLocaleString()} statements/s)`);
  await analyseStatements(runtime);

  const at1m = await measureQueries(runtime, base, headers, TOTAL);

  const speedAfter = hostSpeedMs();
  const roundTripAfter = await roundTripMicros(runtime.pool);
  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  const row = (name: string, small: Percentiles, large: Percentiles, what = `GET filtered by ${name}, limit 100`) => {
    const grows = large.p95 > small.p95 * 1.5 + 2;
    return `| ${what} | ${fmt(small)} | ${fmt(large)} | p95 < 35 ms at 1M; no growth | ${verdict(large.p95 < 35 && !grows)} |`;
  };
  writeBenchmarkSection(
    'lrs',
    `## LRS — \`npm run bench:lrs\`

Run ${new Date().toISOString().slice(0, 10)} on ${machineLine()}; ${db.describe}; PostgreSQL event store adapter; ${shape}; the load clients in a third.
Ingest: ${CLIENTS} concurrent HTTP clients, in a separate load process, POST batches of ${BATCH} statements (request bodies built beforehand, as an LMS sends ready-made statements), with every projection and reactor of the platform running (${runtime.projections.length}, ${only ? `only ${only.join(', ')}` : 'all'} applied here). Each rate counts until every projection and reactor has applied the last statement (the evidence reactor recognises each statement; these are plain learning records, so it appends only the registration of each new actor), so every statement counted is durable, queryable and in the workers' records. ${queryable.statements.toLocaleString()} statements with responses that wait until their statements are queryable (\`XAPI_WRITE_WAIT_MS=2000\`, the default), then ${durable.statements.toLocaleString()} with responses as soon as the statements are committed to the log (\`XAPI_WRITE_WAIT_MS=0\`; the spec allows it, and \`X-Experience-API-Consistent-Through\` tells clients what is queryable).
CPU per 1,000 statements ingested (Node: the server and the projection worker; PostgreSQL: its server processes; the load clients run in a process of their own and are not counted, but share the cores): ${cpuLine(queryable)} waiting for queryable; ${cpuLine(durable)} answering once durable. Load average when the run started: ${startLoad}. Host speed (a fixed JavaScript loop, lower is faster): ${speedBefore} ms before the run, ${speedAfter} ms after; a PostgreSQL round trip (\`select 1\`, which tracked the ingest rate better than the loop): ${roundTripBefore} µs before, ${roundTripAfter} µs after.
Store grown to ${TOTAL.toLocaleString()} statements through the event store (${loadSeconds.toFixed(0)} s) with the projections stopped, then the projections started and timed catching up from the start of the worker, as after a worker outage (statements projection ${catchUpRate.toLocaleString()} statements/s; every projection and the evidence reactor ${allRate.toLocaleString()} statements/s); queries ran once all had caught up, each time after a \`vacuum analyze\` of the query model's tables (as autovacuum does within a minute of a bulk load).
Queries: ${QUERIES} GETs per filter over HTTP, random values (${AGENTS.toLocaleString()} agents, ${VERBS} verbs, ${ACTIVITIES.toLocaleString()} activities), p50 / p95 in ms.

| measure | at ${posted.toLocaleString()} | at ${TOTAL.toLocaleString()} | target | |
|---|---|---|---|---|
| POST ingest, answers once queryable | ${queryable.rate.toLocaleString()} statements/s | | >= 7,500 statements/s | ${verdict(queryable.rate >= 7500)} |
| POST ingest, answers once durable | ${durable.rate.toLocaleString()} statements/s (answered at ${durable.answeredRate.toLocaleString()}/s) | | >= 7,500 statements/s | ${verdict(durable.rate >= 7500)} |
${row('agent', at100k.agent, at1m.agent)}
${row('verb', at100k.verb, at1m.verb)}
${row('activity', at100k.activity, at1m.activity)}
${row('the client authority with related_agents (in every statement)', at100k.related, at1m.related)}
${row('agent with since and until (the last hour), ascending', at100k.window, at1m.window)}
${row('statementId', at100k.byId, at1m.byId, 'GET one statement by statementId (random ids)')}`,
  );
  loader?.kill();
  await app.close();
  await worker.stop();
  await runtime.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

/**
 * CPU time used so far by this process and by the database's server processes (Linux /proc), so
 * the cost per statement can be told apart from other load on a shared machine.
 */
async function cpuSnapshot(runtime: Runtime): Promise<{ node: number; postgres: number }> {
  const usage = process.cpuUsage();
  const workerMs = workerProcess?.pid ? processCpuMs(workerProcess.pid) : 0;
  const { rows } = await runtime.pool.query<{ pid: number }>('select pid from pg_stat_activity');
  const postgres = rows.reduce((sum, { pid }) => sum + processCpuMs(pid), 0);
  return { node: (usage.user + usage.system) / 1000 + workerMs, postgres };
}

/** User and system CPU of a process from /proc, in ms; zero for one that ended in between (or another OS). */
function processCpuMs(pid: number): number {
  try {
    const fields = readFileSync(`/proc/${pid}/stat`, 'utf8').split(') ')[1].split(' ');
    return (Number(fields[11]) + Number(fields[12])) * 10;
  } catch {
    return 0;
  }
}

let workerProcess: ChildProcess | undefined;

/** The projections inside this process (no job processors: the bench runs no rebuild). */
function startRunner(runtime: Runtime, projections: readonly Projection[]): { stop(): Promise<void> } {
  const runner = new ProjectionRunner({ pool: runtime.pool, store: runtime.store, projections });
  runner.start();
  return runner;
}

/** apps/background against the bench database; resolves once it runs its projections. */
async function startWorkerProcess(databaseUrl: string): Promise<{ stop(): Promise<void> }> {
  // Jobs in process, as in the API process: the bench needs no Redis.
  const env: NodeJS.ProcessEnv = { ...process.env, DATABASE_URL: databaseUrl };
  delete env.REDIS_URL;
  const child = fork(fileURLToPath(new URL('../apps/background/src/main.js', import.meta.url)), [], {
    env,
    stdio: ['ignore', 'pipe', 'inherit', 'ipc'],
  });
  workerProcess = child;
  await new Promise<void>((resolve, reject) => {
    child.stdout!.on('data', (chunk: Buffer) => chunk.toString().includes('running:') && resolve());
    child.once('exit', (code) => reject(new Error(`worker process exited with ${code}`)));
  });
  return {
    stop: () =>
      new Promise<void>((resolve) => {
        child.once('exit', () => resolve());
        child.kill('SIGTERM');
      }),
  };
}

function cpuLine(result: IngestResult): string {
  return `Node ${result.cpuPerK.node.toFixed(0)} ms, PostgreSQL ${result.cpuPerK.postgres.toFixed(0)} ms (at most ~${result.cpuBound.toLocaleString()} statements/s on 2 cores; the load clients took ${result.loaderMsPerK.toFixed(0)} ms of the same cores)`;
}

function fmt(p: Percentiles): string {
  return `${p.p50.toFixed(1)} / ${p.p95.toFixed(1)} ms`;
}

async function measureQueries(runtime: Runtime, base: string, headers: Record<string, string>, stored: number) {
  /** `single`: a GET of one statement by id, which answers the statement itself. */
  const run = async (name: string, param: () => Record<string, string>, single = false) => {
    const samples: number[] = [];
    for (let i = 0; i < QUERIES + 20; i++) {
      const url = `${base}/statements?${new URLSearchParams(single ? param() : { ...param(), limit: '100' })}`;
      const start = performance.now();
      const response = await fetch(url, { headers });
      const body = (await response.json()) as { statements?: unknown[]; id?: string };
      const ms = performance.now() - start;
      const found = single ? body.id !== undefined : (body.statements?.length ?? 0) > 0;
      if (response.status !== 200 || !found)
        throw new Error(`GET ${url}: ${response.status}, ${JSON.stringify(body).slice(0, 200)}`);
      if (i >= 20) samples.push(ms); // the first requests warm the connection and caches
    }
    const p = percentiles(samples);
    console.log(
      `  ${stored.toLocaleString()} stored, GET by ${name}: p50 ${p.p50.toFixed(1)} ms, p95 ${p.p95.toFixed(1)} ms`,
    );
    return p;
  };
  const pick = (n: number) => Math.floor(Math.random() * n);
  const { rows: sample } = await runtime.pool.query<{ id: string }>(
    `select statement_id::text as id from ${liveSchema(STATEMENTS_PROJECTION)}.statements order by random() limit 1000`,
  );
  return {
    // Found through the log's stream index (the query model keeps no index of ids with the log in PostgreSQL).
    byId: await run('statementId', () => ({ statementId: sample[pick(sample.length)]!.id }), true),
    agent: await run('agent', () => ({ agent: JSON.stringify({ mbox: mbox(pick(AGENTS)) }) })),
    verb: await run('verb', () => ({ verb: verbs[pick(VERBS)] })),
    activity: await run('activity', () => ({ activity: activity(pick(ACTIVITIES)) })),
    // The broad form of a key every statement holds (the LRS client's authority): the worst case of related_agents.
    related: await run('authority, related_agents', () => ({
      agent: JSON.stringify({ account: { homePage: 'urn:continuum:lrs-client', name: CLIENT_KEY } }),
      related_agents: 'true',
    })),
    // As an LMS syncing since its last run, oldest first: since and until become log positions (a binary search).
    window: await run('agent, since and until, ascending', () => ({
      agent: JSON.stringify({ mbox: mbox(pick(AGENTS)) }),
      since: new Date(Date.now() - 3_600_000).toISOString(),
      until: new Date().toISOString(),
      ascending: 'true',
    })),
  };
}

interface IngestResult {
  statements: number;
  rate: number;
  /** Statements per second answered by the LRS, before the read models had them all. */
  answeredRate: number;
  cpuPerK: { node: number; postgres: number };
  cpuBound: number;
  loaderMsPerK: number;
}

/** POSTs `count` statements from CLIENTS clients; the rate counts until every read model has them all. */
async function ingest(
  runtime: Runtime,
  running: readonly Projection[],
  base: string,
  headers: Record<string, string>,
  offset: number,
  count: number,
  writeWaitMs: number,
): Promise<IngestResult> {
  // The statement write reads this setting on every request.
  runtime.config.xapiWriteWaitMs = writeWaitMs;
  const cpuBefore = await cpuSnapshot(runtime);
  const {
    posted,
    seconds: answeredSeconds,
    cpuMs: loaderMs,
  } = await load({ url: `${base}/statements`, headers, offset, count });
  const answered = performance.now();
  await waitForProjections(runtime, running, [STATEMENTS_PROJECTION]);
  const queryableSeconds = answeredSeconds + (performance.now() - answered) / 1000;
  await waitForProjections(runtime, running);
  const seconds = answeredSeconds + (performance.now() - answered) / 1000;
  const cpuAfter = await cpuSnapshot(runtime);
  // The clients share the 2 cores: what they take is not the LRS's, but the LRS does not get it either.
  const loaderMsPerK = (loaderMs / posted) * 1000;
  const cpuPerK = {
    node: ((cpuAfter.node - cpuBefore.node) / posted) * 1000,
    postgres: ((cpuAfter.postgres - cpuBefore.postgres) / posted) * 1000,
  };
  const rate = Math.round(posted / seconds);
  const cpuBound = Math.round(2000 / ((cpuPerK.node + cpuPerK.postgres) / 1000));
  console.log(
    `Ingest (XAPI_WRITE_WAIT_MS=${writeWaitMs}): ${posted.toLocaleString()} statements answered in ${answeredSeconds.toFixed(1)} s, queryable in ${queryableSeconds.toFixed(1)} s, in every read model in ${seconds.toFixed(1)} s = ${rate.toLocaleString()} statements/s`,
  );
  console.log(
    `  CPU per 1,000 statements: node ${cpuPerK.node.toFixed(0)} ms, PostgreSQL ${cpuPerK.postgres.toFixed(0)} ms (2 cores to itself: ~${cpuBound.toLocaleString()} statements/s); the load clients ${loaderMsPerK.toFixed(0)} ms`,
  );
  return {
    statements: posted,
    rate,
    answeredRate: Math.round(posted / answeredSeconds),
    cpuPerK,
    cpuBound,
    loaderMsPerK,
  };
}

let loader: ChildProcess | undefined;

/** Has the load process (lrs-load.ts, a child process like an LMS apart from the LRS) post statements. */
function load(request: LoadRequest): Promise<{ posted: number; seconds: number; cpuMs: number }> {
  loader ??= fork(fileURLToPath(new URL('./lrs-load.js', import.meta.url)));
  const child = loader;
  return new Promise((resolve, reject) => {
    child.once('message', (done: LoadDone) => ('error' in done ? reject(new Error(done.error)) : resolve(done)));
    child.send(request);
  });
}

async function analyseStatements(runtime: Runtime): Promise<void> {
  await runtime.pool.query(`vacuum analyze rm_xapi_statements.statements, rm_xapi_statements.statement_index`);
}

/** Until the named projections (default: every running one) have caught up with the log. */
async function waitForProjections(
  runtime: Runtime,
  running: readonly Projection[],
  names?: string[],
  timeoutMs = 600_000,
): Promise<void> {
  await waitForCaughtUp(
    runtime.pool,
    runtime.store,
    names ? running.filter((p) => names.includes(p.name)) : running,
    timeoutMs,
  );
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
