import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { createApiApp } from '../apps/api/src/app.js';
import { loadConfig } from '#libs/config';
import type { AppendRequest } from '#libs/event-store';
import { personalCapabilities } from '#libs/framework';
import { startRuntime } from '#libs/composition';
import {
  beginBatch,
  commitBatch,
  ensureLiveSchema,
  liveSchema,
  ProjectionRunner,
  waitForProjection,
} from '#libs/projections';
import { STATEMENT_STORED, statementStreamId } from '../libs/xapi/src/lrs/statements/statement-events.js';
import {
  buildEvidenceStatement,
  parseEvidence,
  WORKFORCE_EVIDENCE_REACTOR,
  workerIdFor,
  workforceEvidenceReactor,
  workforceProjection,
} from '#libs/workforce';
import { capabilityProfile } from '../libs/workforce/src/read-model/capability-profile.js';
import { timeline } from '../libs/workforce/src/read-model/timeline.js';
import { benchDatabase, machineLine, writeBenchmarkSection } from './support.js';

/**
 * Capability profile and timeline (first page) for one worker with 5,000 records, in a store of
 * 10,000,000 events whose read model holds a record for every one of them.
 *
 * The 9,995,000 other events are written by SQL (the log, and the read-model rows the projection would
 * make of them: other workers' records), because projecting them one by one would make the benchmark
 * hours long while measuring something else. The measured worker's 5,000 statements go the real way:
 * built as /api builds them, appended to the event store, turned into workforce domain events by the
 * evidence reactor (which also registers the worker), and applied by the workforce projection.
 */
const TOTAL = Number(process.env.BENCH_EVENTS ?? 10_000_000);
const WORKER_RECORDS = 5_000;
const OTHER_WORKERS = Number(process.env.BENCH_OTHER_WORKERS ?? 2_000);
const QUERIES = Number(process.env.BENCH_QUERIES ?? 300);
const CHUNK = 500_000;

interface Percentiles {
  p50: number;
  p95: number;
  max: number;
}

function percentiles(samples: number[]): Percentiles {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q: number) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))]!;
  return { p50: at(0.5), p95: at(0.95), max: sorted[sorted.length - 1]! };
}

async function timed(runs: number, run: () => Promise<unknown>): Promise<Percentiles> {
  for (let i = 0; i < 20; i++) await run(); // warm-up: plans and caches, as in a running process
  const samples: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await run();
    samples.push(performance.now() - start);
  }
  return percentiles(samples);
}

/** The 5,000 records of the measured worker: a career's worth of every kind of evidence, over ten years. */
function workerEvidence(): unknown[] {
  const indicators = personalCapabilities.flatMap((c) => c.stages.flatMap((s) => s.indicators.map((i) => i.id)));
  const capabilityIds = personalCapabilities.map((c) => c.id);
  const start = Date.UTC(2016, 0, 1);
  return Array.from({ length: WORKER_RECORDS }, (_, n) => {
    const occurredAt = new Date(start + n * 63_000_000).toISOString(); // ~ every 17.5 hours
    const capability = capabilityIds[n % capabilityIds.length]!;
    switch (n % 5) {
      case 0:
      case 1:
        return {
          kind: 'assessment',
          indicatorId: indicators[n % indicators.length],
          evidenced: n % 11 !== 0,
          assessor: { name: 'Line manager', mbox: 'mailto:manager@example.org' },
          occurredAt,
        };
      case 2:
        return {
          kind: 'learning-activity',
          mode: n % 2 ? 'formal' : 'informal',
          title: `Course ${n}`,
          duration: 'PT2H30M',
          capabilityIds: [capability],
          occurredAt,
        };
      case 3:
        return {
          kind: 'feedback',
          source: 'colleague',
          feedback: `Feedback ${n}`,
          capabilityIds: [capability],
          occurredAt,
        };
      default:
        return {
          kind: 'reflective-account',
          account: `Reflection ${n} on practice.`,
          capabilityIds: [capability],
          occurredAt,
        };
    }
  });
}

async function main(): Promise<void> {
  const db = await benchDatabase(8);
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-workforce-bench-'));
  const adminToken = randomBytes(18).toString('base64url');
  const runtime = await startRuntime(
    loadConfig({
      ...process.env,
      DATABASE_URL: db.url,
      DATA_DIR: dataDir,
      ADMIN_TOKEN: adminToken,
      RUN_WORKER: 'false',
    }),
  );
  const { pool } = runtime;
  const schema = liveSchema(workforceProjection.name);
  console.log(
    `Workforce benchmark (${db.describe}): ${TOTAL.toLocaleString()} events, ${WORKER_RECORDS.toLocaleString()} for the measured worker`,
  );

  // 1. The other workers' events and their read-model rows, by SQL.
  const others = TOTAL - WORKER_RECORDS;
  await ensureLiveSchema(pool, runtime.store, workforceProjection);
  const loadStart = performance.now();
  for (let from = 0; from < others; from += CHUNK) {
    const to = Math.min(others, from + CHUNK) - 1;
    await pool.query(
      `insert into events (global_position, stream_id, stream_revision, event_id, type, schema_version, data, metadata, recorded_at)
       select g, 'xapi-statement-default-' || u, 0, u::uuid, $3, 1,
         jsonb_build_object('statement', jsonb_build_object('id', u, 'actor', jsonb_build_object('mbox', 'mailto:w' || (g % $4) || '@example.org'),
           'verb', jsonb_build_object('id', 'https://w3id.org/xapi/clf/verbs/completed'), 'object', jsonb_build_object('id', 'urn:uuid:' || u))),
         jsonb_build_object('eventId', u, 'tenantId', 'default', 'occurredAt', '2020-01-01T00:00:00Z'),
         timestamptz '2020-01-01' + g * interval '1 second'
       from (select g, md5(g::text)::uuid::text as u from generate_series($1::bigint, $2::bigint) g) s`,
      [from, to, STATEMENT_STORED, OTHER_WORKERS],
    );
    await pool.query(
      `insert into ${schema}.records (organisation_id, statement_id, worker_id, kind, occurred_at, stored_at, title, capability_ids, indicator_ids,
         duration_seconds, source, by_whom, indicator_id, capability_id, evidenced, details)
       select 'default', md5(g::text)::uuid::text, 'other-' || (g % $3),
         case when g % 5 < 2 then 'indicator-assessment' else 'learning-activity' end,
         timestamptz '2016-01-01' + (g / $3) * interval '17 hours', timestamptz '2020-01-01' + g * interval '1 second', 'Record ' || g,
         array['pc.teamwork'], case when g % 5 < 2 then array['pc.teamwork.engaged.' || (1 + g % 2)] else '{}' end,
         case when g % 5 < 2 then null else 5400 end, 'line-manager', 'Line manager',
         case when g % 5 < 2 then 'pc.teamwork.engaged.' || (1 + g % 2) end, case when g % 5 < 2 then 'pc.teamwork' end,
         case when g % 5 < 2 then true end, '{}'::jsonb
       from generate_series($1::bigint, $2::bigint) g`,
      [from, to, OTHER_WORKERS],
    );
    console.log(
      `  loaded ${(to + 1).toLocaleString()} events and records (${((performance.now() - loadStart) / 1000).toFixed(0)} s)`,
    );
  }
  await pool.query(
    `insert into ${schema}.workers (id, registered_via, first_seen_at) select 'other-' || g, 'statement', now() from generate_series(0, $1::int - 1) g`,
    [OTHER_WORKERS],
  );
  await pool.query(`analyze events; analyze ${schema}.records`);
  // The reactor and the projection have handled everything so far (the rows above are what the
  // projection would have written; the other workers' statements are not CLF evidence).
  await ensureLiveSchema(pool, runtime.store, workforceEvidenceReactor);
  const client = await pool.connect();
  try {
    for (const name of [WORKFORCE_EVIDENCE_REACTOR, workforceProjection.name]) {
      await beginBatch(client, name);
      await commitBatch(client, name, { commit: BigInt(others - 1), prepare: BigInt(others - 1) }, others, false);
    }
  } finally {
    client.release();
  }

  // 2. The measured worker: statements as /api builds them, through the event store, the reactor and the projection.
  const actor = { mbox: 'mailto:measured.worker@example.org' };
  const workerId = workerIdFor('mbox:mailto:measured.worker@example.org');
  const now = new Date();
  const statements = workerEvidence().map((input) => buildEvidenceStatement(parseEvidence(input, now), actor));
  let last;
  for (let i = 0; i < statements.length; i += 500) {
    const requests: AppendRequest[] = statements.slice(i, i + 500).map((statement) => ({
      streamId: statementStreamId('default', statement.id as string),
      expectedRevision: 'no_stream',
      events: [
        {
          type: STATEMENT_STORED,
          data: { statement: { ...statement, version: '2.0.0' } },
          metadata: { tenantId: 'default', actor: 'bench' },
        },
      ],
    }));
    last = (await runtime.store.appendMany(requests)).at(-1)!.position;
  }
  const projectStart = performance.now();
  const runner = new ProjectionRunner({
    pool,
    store: runtime.store,
    projections: [workforceEvidenceReactor, workforceProjection],
  });
  runner.start();
  await waitForProjection(pool, WORKFORCE_EVIDENCE_REACTOR, last!, 600_000);
  const reactSeconds = (performance.now() - projectStart) / 1000;
  await waitForProjection(pool, workforceProjection.name, await runtime.store.headPosition(), 600_000);
  const projectSeconds = (performance.now() - projectStart) / 1000;
  await runner.stop();
  const { rows: evidenceEvents } = await pool.query<{ n: string }>(
    `select count(*) as n from events where global_position > $1 and type = 'workforce.EvidenceRecorded'`,
    [others - 1],
  );
  if (Number(evidenceEvents[0]!.n) !== WORKER_RECORDS)
    throw new Error(`expected ${WORKER_RECORDS} EvidenceRecorded events, found ${evidenceEvents[0]!.n}`);
  await pool.query(`analyze ${schema}.records`);
  const { rows } = await pool.query<{ n: string }>(`select count(*) as n from ${schema}.records where worker_id = $1`, [
    workerId,
  ]);
  if (Number(rows[0]!.n) !== WORKER_RECORDS)
    throw new Error(`expected ${WORKER_RECORDS} records for the measured worker, found ${rows[0]!.n}`);
  const rate = Math.round(WORKER_RECORDS / projectSeconds);
  console.log(
    `  measured worker: ${rows[0]!.n} records; reactor done after ${reactSeconds.toFixed(1)} s, read model after ${projectSeconds.toFixed(1)} s (${rate.toLocaleString()} statements/s end to end)`,
  );

  // 3. The queries, in process and over HTTP (guard, access rule and JSON included).
  const profileQuery = await timed(QUERIES, () => capabilityProfile(pool, workerId, new Date(), 'all'));
  const timelineQuery = await timed(QUERIES, () => timeline(pool, workerId, { limit: 50 }, 'all'));
  const app = await createApiApp(runtime, { logger: ['error'] });
  await app.listen(0, '127.0.0.1');
  const base = `http://127.0.0.1:${(app.getHttpServer().address() as { port: number }).port}`;
  const get = async (path: string) => {
    const response = await fetch(`${base}${path}`, { headers: { authorization: `Bearer ${adminToken}` } });
    if (response.status !== 200) throw new Error(`${path}: ${response.status} ${await response.text()}`);
    await response.arrayBuffer();
  };
  const profileHttp = await timed(QUERIES, () => get(`/api/workers/${workerId}/capabilities`));
  const timelineHttp = await timed(QUERIES, () => get(`/api/workers/${workerId}/timeline`));
  await app.close();

  const ms = (n: number) => `${n.toFixed(1)} ms`;
  const verdict = (p: Percentiles) => (p.p95 < 30 ? 'met' : 'not met');
  const table = [
    ['capability profile (17 capabilities, evidence per indicator)', profileQuery, profileHttp],
    ['timeline, first page (50 records)', timelineQuery, timelineHttp],
  ] as const;
  const section = `
## Workforce: capability profile and timeline — \`npm run bench:workforce\`

Run ${new Date().toISOString().slice(0, 10)} on ${machineLine()}; ${db.describe}.
A store of ${TOTAL.toLocaleString()} events; the workforce read model holds a record for each (${OTHER_WORKERS.toLocaleString()} other workers, written by SQL as the projection would; the measured worker's ${WORKER_RECORDS.toLocaleString()} statements built as \`/api\` builds them, appended to the event store, turned into \`workforce.EvidenceRecorded\` events by the evidence reactor (which registered the worker) and applied by the workforce projection: ${rate.toLocaleString()} statements/s from statement to read model). ${QUERIES} queries each after 20 warm-up runs, one at a time.

| query | in process p50 / p95 | over HTTP p50 / p95 (max) | target p95 | |
|---|---|---|---|---|
${table.map(([name, q, h]) => `| ${name} | ${ms(q.p50)} / ${ms(q.p95)} | ${ms(h.p50)} / ${ms(h.p95)} (${ms(h.max)}) | < 30 ms | ${verdict(h)} |`).join('\n')}
`;
  console.log(section);
  // BENCH_DRY: a trial run that leaves BENCHMARKS.md alone.
  if (!process.env.BENCH_DRY) writeBenchmarkSection('workforce', section);
  await runtime.close();
  await db.close();
  rmSync(dataDir, { recursive: true, force: true });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
