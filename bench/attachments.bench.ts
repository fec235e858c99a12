import { createHash, randomBytes, randomUUID } from 'node:crypto';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { benchDatabase, machineLine, mb, writeBenchmarkSection } from './support.js';

/**
 * Memory of the API process under concurrent statement uploads with large attachments, and while they
 * are read back with attachments=true: `npm run bench:attachments`. The server is this build's
 * `apps/api/src/main.js` (or BENCH_BEFORE_MAIN, another build's, measured first for a before/after
 * pair) in a process of its own, sampled from inside by a preloaded module (process.memoryUsage every
 * 20 ms) and from outside (VmHWM in /proc). BENCH_UPLOADS concurrent POSTs (default 4) of one
 * BENCH_ATTACHMENT_MIB attachment each (default 60, under the 64 MiB defaults of both builds).
 */

const UPLOADS = Number(process.env.BENCH_UPLOADS ?? 4);
const ATTACHMENT_BYTES = Number(process.env.BENCH_ATTACHMENT_MIB ?? 60) * 2 ** 20;
const KEY = 'bench-attachments';
const SECRET = 'bench-attachments-secret';

/** Peaks of process.memoryUsage() since start or since the last SIGUSR2, written to a file every 20 ms. */
const SAMPLER = `
import { renameSync, writeFileSync } from 'node:fs';
const out = process.env.BENCH_MEMORY_FILE;
let peak;
const reset = () => { peak = { rss: 0, heapUsed: 0, external: 0, arrayBuffers: 0 }; };
reset();
process.on('SIGUSR2', reset);
setInterval(() => {
  const m = process.memoryUsage();
  for (const k of Object.keys(peak)) peak[k] = Math.max(peak[k], m[k]);
  writeFileSync(out + '.tmp', JSON.stringify({ now: m, peak }));
  renameSync(out + '.tmp', out);
}, 20).unref();
`;

interface Memory {
  rss: number;
  heapUsed: number;
  external: number;
  arrayBuffers: number;
}

interface Run {
  label: string;
  idle: Memory;
  upload: Memory;
  uploadHwm: number;
  uploadSeconds: number;
  statuses: number[];
  read: Memory;
  readSeconds: number;
  readOk: boolean;
}

async function main(): Promise<void> {
  const work = mkdtempSync(join(tmpdir(), 'continuum-bench-attachments-'));
  writeFileSync(join(work, 'sampler.mjs'), SAMPLER);
  const loadAtStart = loadavg();
  const bodies = Array.from({ length: UPLOADS }, () => uploadBody(randomBytes(ATTACHMENT_BYTES)));
  const runs: Run[] = [];
  try {
    const before = process.env.BENCH_BEFORE_MAIN;
    if (before) runs.push(await measure('before', before, work, bodies));
    const after = fileURLToPath(new URL('../apps/api/src/main.js', import.meta.url));
    runs.push(await measure(before ? 'after' : 'this build', after, work, bodies));
  } finally {
    rmSync(work, { recursive: true, force: true });
  }
  const markdown = report(runs, loadAtStart);
  console.log(markdown);
  writeBenchmarkSection('attachments', markdown);
}

function uploadBody(content: Buffer): { id: string; body: Buffer; contentType: string } {
  const sha2 = createHash('sha256').update(content).digest('hex');
  const id = randomUUID();
  const statement = {
    id,
    actor: { mbox: `mailto:${id}@example.org` },
    verb: { id: 'http://adlnet.gov/expapi/verbs/attached' },
    object: { id: 'http://example.org/evidence/scan' },
    attachments: [
      {
        usageType: 'http://id.tincanapi.com/attachment/supporting_media',
        display: { 'en-GB': 'scan' },
        contentType: 'application/pdf',
        length: content.length,
        sha2,
      },
    ],
  };
  const boundary = `bench-${randomUUID()}`;
  const body = Buffer.concat([
    Buffer.from(`--${boundary}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`),
    Buffer.from(
      `--${boundary}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\nX-Experience-API-Hash: ${sha2}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${boundary}--\r\n`),
  ]);
  return { id, body, contentType: `multipart/mixed; boundary=${boundary}` };
}

async function measure(
  label: string,
  main: string,
  work: string,
  bodies: Array<{ id: string; body: Buffer; contentType: string }>,
): Promise<Run> {
  const database = await benchDatabase(1);
  const memoryFile = join(work, `${label}.json`);
  const port = 20_000 + Math.floor(Math.random() * 20_000);
  const server = spawn(process.execPath, ['--import', join(work, 'sampler.mjs'), main], {
    env: {
      ...process.env,
      NODE_ENV: 'production',
      DATABASE_URL: database.url,
      DATA_DIR: join(work, `data-${label}`),
      PORT: String(port),
      HOST: '127.0.0.1',
      DEMO_DATA: 'false',
      XAPI_WRITE_WAIT_MS: '0',
      LRS_BOOTSTRAP_KEY: KEY,
      LRS_BOOTSTRAP_SECRET: SECRET,
      ATTACHMENT_SPOOL_DIR: join(work, `spool-${label}`),
      BENCH_MEMORY_FILE: memoryFile,
    },
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  try {
    const base = `http://127.0.0.1:${port}`;
    await ready(server, base);
    await settle();
    const idle = peakSince(server, memoryFile);
    const auth = `Basic ${Buffer.from(`${KEY}:${SECRET}`).toString('base64')}`;
    const headers = { authorization: auth, 'x-experience-api-version': '1.0.3' };
    let started = performance.now();
    const statuses = await Promise.all(
      bodies.map(async ({ body, contentType }) => {
        const response = await fetch(`${base}/xapi/statements`, {
          method: 'POST',
          headers: { ...headers, 'content-type': contentType },
          body,
        });
        await response.arrayBuffer();
        return response.status;
      }),
    );
    const uploadSeconds = (performance.now() - started) / 1000;
    await settle();
    const upload = peakSince(server, memoryFile);
    const uploadHwm = vmHwm(server);
    started = performance.now();
    const lengths = await Promise.all(
      bodies.map(async ({ id }) => {
        const response = await fetch(`${base}/xapi/statements?statementId=${id}&attachments=true`, { headers });
        let length = 0;
        for await (const chunk of response.body!) length += chunk.length;
        return length;
      }),
    );
    const readSeconds = (performance.now() - started) / 1000;
    await settle();
    const read = peakSince(server, memoryFile);
    return {
      label,
      idle,
      upload,
      uploadHwm,
      uploadSeconds,
      statuses,
      read,
      readSeconds,
      readOk: lengths.every((n) => n > ATTACHMENT_BYTES),
    };
  } finally {
    server.kill('SIGTERM');
    await new Promise((resolve) => server.once('exit', resolve));
    await database.close();
  }
}

async function ready(server: ChildProcess, base: string): Promise<void> {
  for (let i = 0; i < 600; i++) {
    if (server.exitCode !== null) throw new Error(`the server exited with ${server.exitCode}`);
    const ok = await fetch(`${base}/health`)
      .then((r) => r.ok)
      .catch(() => false);
    if (ok) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error('the server did not become ready within 60 s');
}

/** Lets the sampler see the last moments of a phase. */
function settle(): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, 200));
}

/** The peaks the sampler recorded since the last reset; resets them for the next phase. */
function peakSince(server: ChildProcess, file: string): Memory {
  const { peak } = JSON.parse(readFileSync(file, 'utf8')) as { peak: Memory };
  server.kill('SIGUSR2');
  return peak;
}

function vmHwm(server: ChildProcess): number {
  const status = readFileSync(`/proc/${server.pid}/status`, 'utf8');
  return Number(/VmHWM:\s+(\d+) kB/.exec(status)?.[1] ?? 0) * 1024;
}

function report(runs: Run[], load: number[]): string {
  const rows = runs.map(
    (r) =>
      `| ${r.label} | ${mb(r.idle.rss)} | ${mb(r.upload.rss)} (VmHWM ${mb(r.uploadHwm)}) | ${mb(r.upload.heapUsed)} | ${mb(r.upload.external)} | ${r.statuses.join(', ')} in ${r.uploadSeconds.toFixed(1)} s | ${mb(r.read.rss)} | ${mb(r.read.heapUsed)} | ${r.readOk ? 'complete' : 'INCOMPLETE'} in ${r.readSeconds.toFixed(1)} s |`,
  );
  return `## Attachments: memory under concurrent uploads — \`npm run bench:attachments\`

Run ${new Date().toISOString().slice(0, 10)} on ${machineLine()}; PostgreSQL from ${process.env.DATABASE_URL ? 'DATABASE_URL' : 'an embedded server'}. Load average when the run started: ${load.map((l) => l.toFixed(2)).join(' / ')}.
${UPLOADS} concurrent \`POST /xapi/statements\` (multipart/mixed), each one statement with one ${mb(ATTACHMENT_BYTES)} attachment; then the ${UPLOADS} statements read back at once with \`attachments=true\`. The API process is measured alone (\`process.memoryUsage()\` peaks sampled every 20 ms inside it; VmHWM is the kernel's peak RSS since the process started).

| build | RSS idle | RSS peak, uploads | heap used peak, uploads | external peak, uploads | answers | RSS peak, reads | heap used peak, reads | reads |
|---|---|---|---|---|---|---|---|---|
${rows.join('\n')}`;
}

await main();
