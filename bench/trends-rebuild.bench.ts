import 'reflect-metadata';
import { createHash } from 'node:crypto';
import { appendFileSync, existsSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { loadavg } from 'node:os';
import type pg from 'pg';
import { join, resolve } from 'node:path';
import { loadConfig } from '#libs/config';
import { startRuntime } from '#libs/composition';
import { rebuildProjection } from '#libs/projections';
import { DIMENSIONS, GetTrend, TRENDS, trendsProjection, type TrendParams } from '#libs/evaluation';
import { organisationalCapabilities, personalCapabilities } from '#libs/framework';
import { GetTrendHandler } from '../libs/evaluation/src/queries/get-trend/get-trend.handler.js';
import { NATIONAL as NATIONAL_SCOPE } from '../libs/evaluation/src/read-model/cells.js';

/**
 * The trends rebuild alone, on a data set `npm run bench:national` generated and kept (BENCH_DATA_DIR):
 * the wall clock of replay and settle, the CPU of Node and of the embedded PostgreSQL, then every
 * answer of a broad set of queries (national and each organisation's own) hashed, so a change to the
 * read model can be shown to give the same answers (BENCH_ANSWERS=file writes them all, to diff).
 */
/** Organisations whose own answers are hashed too (BENCH_SCOPES; default all): the national ones always are. */
const SCOPES = Number(process.env.BENCH_SCOPES ?? Infinity);
const DATA_DIR = resolve(process.env.BENCH_DATA_DIR ?? '.data-bench-national-25-500');

async function main(): Promise<void> {
  if (!existsSync(join(DATA_DIR, 'generated.json'))) throw new Error(`no generated data set in ${DATA_DIR}`);
  const env: NodeJS.ProcessEnv = { ...process.env, DATA_DIR, DEMO_DATA: 'false' };
  for (const key of ['DATABASE_URL', 'REDIS_URL', 'EVENT_STORE', 'EVENTSTORE_URL']) delete env[key];
  const runtime = await startRuntime(loadConfig(env));
  try {
    // BENCH_REBUILD=0: the answers of the read model already there (built by other code, to compare).
    if (process.env.BENCH_REBUILD !== '0') await timedRebuild(runtime);
    console.log(`cells: ${await cellsDigest(runtime.pool)}`);
    const { rows } = await runtime.pool.query<{ id: string }>(`select id from rm_trends.organisations order by id`);
    // Hashed answer by answer: at 1/8 scale all of them are more text than one string can hold.
    const hash = createHash('sha256');
    const file = process.env.BENCH_ANSWERS;
    if (file) writeFileSync(file, '');
    const count = await answerAll(
      new GetTrendHandler(runtime.pool),
      [NATIONAL_SCOPE, ...rows.slice(0, SCOPES).map((r) => r.id)],
      (key, answer) => {
        const line = `${JSON.stringify({ [key]: answer })}\n`;
        hash.update(line);
        if (file) appendFileSync(file, line);
      },
    );
    console.log(`${count} answers, sha256 ${hash.digest('hex').slice(0, 16)}`);
  } finally {
    await runtime.close();
  }
}

async function timedRebuild(runtime: Awaited<ReturnType<typeof startRuntime>>): Promise<void> {
  const load = loadavg()
    .map((l) => l.toFixed(2))
    .join(' / ');
  const cpuBefore = { node: process.cpuUsage(), postgres: descendantsCpuSeconds() };
  const phases: Record<string, number> = {};
  const started = performance.now();
  const rebuild = await rebuildProjection({
    pool: runtime.pool,
    store: runtime.store,
    projection: trendsProjection,
    onProgress: ({ message }) => {
      phases[message] ??= (performance.now() - started) / 1000;
    },
  });
  const node = process.cpuUsage(cpuBefore.node);
  const cpu = {
    node: (node.user + node.system) / 1e6,
    postgres: descendantsCpuSeconds() - cpuBefore.postgres,
  };
  const replay = phases['settling'] ?? 0;
  const settle = (phases['analysed'] ?? 0) - replay;
  console.log(
    `trends rebuilt: ${rebuild.events} events in ${rebuild.seconds.toFixed(1)} s: ${rebuild.eventsPerSecond} events/s; replay ${replay.toFixed(1)} s, settle + analyse ${settle.toFixed(1)} s; CPU node ${cpu.node.toFixed(1)} s, postgres ${cpu.postgres.toFixed(1)} s; load at the start ${load}`,
  );
}

/** Every trend, national and each organisation's (each answer passed on as it comes), unsegmented and by or filtered on each dimension, per capability. */
async function answerAll(
  handler: GetTrendHandler,
  scopes: readonly string[],
  answered: (key: string, answer: unknown) => void,
): Promise<number> {
  let count = 0;
  for (const scope of scopes)
    for (const trend of TRENDS) {
      const capabilities = {
        'personal-capabilities': personalCapabilities,
        'organisational-capabilities': organisationalCapabilities,
      }[trend as string]?.map((c) => c.id) ?? [undefined];
      const dimensions =
        trend === 'adoption' || trend === 'organisational-capabilities' ? DIMENSIONS.slice(0, 4) : DIMENSIONS;
      const variants: Omit<TrendParams, 'format'>[] = [{ filters: {} }, { filters: {}, from: 2024, to: 2025 }];
      for (const capabilityId of capabilities) {
        if (capabilityId) variants.push({ filters: {}, capabilityId });
        for (const by of dimensions) {
          variants.push({ filters: {}, by, ...(capabilityId ? { capabilityId } : {}) });
          if (scope !== NATIONAL_SCOPE) continue;
          for (const other of dimensions)
            if (other !== by)
              variants.push({ filters: { [other]: FILTER[other]! }, by, ...(capabilityId ? { capabilityId } : {}) });
        }
      }
      for (const v of variants) {
        const params: TrendParams = { format: 'json', ...v };
        const key = `${scope} ${trend} ${JSON.stringify(v)}`;
        answered(key, await handler.execute(new GetTrend(trend, params, scope)));
        count++;
      }
    }
  return count;
}

/** The cells' count and a digest of their rows (values to 6 decimals: sums in another order may differ in the last bits). */
async function cellsDigest(pool: pg.Pool): Promise<string> {
  const rounded = (v: string) => `round(${v}::numeric, 6)`;
  const { rows } = await pool.query<{ n: string; digest: string }>(
    `select count(*) as n, md5(string_agg(row, E'\\n' order by row)) as digest from (
       select concat_ws(' ', metric, scope, role, grain, year, sector, region, service_type, size_band, item,
         ${[...Array(9).keys()].map((i) => rounded(`c${i}`)).join(', ')},
         (select string_agg(${rounded('x')}::text, ',' order by i) from unnest(wide) with ordinality u(x, i))) as row
       from rm_trends.cells
       where ${[...Array(9).keys()].map((i) => `c${i} <> 0`).join(' or ')} or 0 <> any(wide)) r`,
  );
  return `${rows[0]!.n} non-zero, md5 ${rows[0]!.digest}`;
}

/** A value of each dimension the generator uses, to filter on. */
const FILTER: Record<string, string> = {
  sector: 'private',
  region: 'Highland',
  serviceType: 'care at home',
  sizeBand: 'small',
  role: 'Support worker',
};

/** Seconds of CPU of this process's descendants (the embedded PostgreSQL and its backends), from /proc. */
function descendantsCpuSeconds(): number {
  const stats = readdirSync('/proc')
    .filter((name) => /^\d+$/.test(name))
    .flatMap((pid) => {
      try {
        const text = readFileSync(`/proc/${pid}/stat`, 'utf8');
        const fields = text.slice(text.lastIndexOf(')') + 2).split(' ');
        return [{ pid: Number(pid), ppid: Number(fields[1]), ticks: Number(fields[11]) + Number(fields[12]) }];
      } catch {
        return [];
      }
    });
  const mine = new Set([process.pid]);
  for (let grew = true; grew;) {
    grew = false;
    for (const s of stats)
      if (!mine.has(s.pid) && mine.has(s.ppid)) {
        mine.add(s.pid);
        grew = true;
      }
  }
  return stats.filter((s) => s.pid !== process.pid && mine.has(s.pid)).reduce((sum, s) => sum + s.ticks, 0) / 100;
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
