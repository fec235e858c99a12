import { randomUUID } from 'node:crypto';
import { Agent, request } from 'node:http';

/**
 * The LRS benchmark's load: LMS-like clients POSTing statements. Run as a child process of
 * lrs.bench.ts (as an LMS runs apart from the LRS), so the LRS's CPU figures do not include it.
 */
export const CLIENTS = 8;
export const BATCH = 100;
// At most 1,000 agents and activities: each then has >= 100 statements at 100k, so a limit=100 page is full
// at both store sizes and the 100k-vs-1M comparison measures the store, not the page size.
export const AGENTS = 1_000;
export const VERBS = 20;
export const ACTIVITIES = 1_000;

export const verbs = Array.from({ length: VERBS }, (_, i) => `http://adlnet.gov/expapi/verbs/bench-${i}`);
export const activity = (i: number) => `http://example.org/clf/activities/${i}`;
export const mbox = (i: number) => `mailto:worker${i}@example.org`;

/** A realistic CLF learning statement: agent, verb, activity with definition, context with parent and registration. */
export function benchStatement(n: number): Record<string, unknown> {
  return {
    id: randomUUID(),
    actor: { objectType: 'Agent', mbox: mbox(n % AGENTS), name: `Worker ${n % AGENTS}` },
    verb: { id: verbs[n % VERBS], display: { 'en-GB': `verb ${n % VERBS}` } },
    object: {
      objectType: 'Activity',
      id: activity((n * 7) % ACTIVITIES),
      definition: {
        name: { 'en-GB': `Activity ${(n * 7) % ACTIVITIES}` },
        type: 'http://adlnet.gov/expapi/activities/course',
      },
    },
    result: { completion: true, success: n % 3 !== 0, duration: 'PT35M' },
    context: {
      registration: randomUUID(),
      contextActivities: { parent: [{ id: 'http://example.org/clf/programmes/induction' }] },
      platform: 'Continuum bench',
    },
    timestamp: new Date(Date.UTC(2025, 0, 1) + n * 60_000).toISOString(),
  };
}

export interface LoadRequest {
  url: string;
  headers: Record<string, string>;
  offset: number;
  count: number;
}

/** `cpuMs`: the clients' own CPU while posting (not building the bodies, nor starting up). */
export type LoadDone = { posted: number; seconds: number; cpuMs: number } | { error: string };

/** POSTs statements offset..offset+count from CLIENTS clients; bodies are built before the clock (an LMS sends ready-made statements). */
async function postAll({
  url,
  headers,
  offset,
  count,
}: LoadRequest): Promise<{ posted: number; seconds: number; cpuMs: number }> {
  const bodies: string[] = [];
  for (let first = offset; first < offset + count; first += BATCH) {
    bodies.push(
      JSON.stringify(
        Array.from({ length: Math.min(BATCH, offset + count - first) }, (_, i) => benchStatement(first + i)),
      ),
    );
  }
  // node:http with kept-alive connections, one per client: fetch's streams cost these clients about
  // twice the CPU, taken from the same 2 cores as the LRS.
  const agent = new Agent({ keepAlive: true, maxSockets: CLIENTS });
  let next = 0;
  let posted = 0;
  const start = performance.now();
  const cpuStart = process.cpuUsage();
  const progress = setInterval(() => console.log(`  posted ${posted.toLocaleString()}`), 5000);
  try {
    await Promise.all(
      Array.from({ length: CLIENTS }, async () => {
        while (next < bodies.length) {
          const body = bodies[next++];
          const response = await post(url, headers, body, agent);
          if (response.status !== 200) throw new Error(`POST failed: ${response.status} ${response.text}`);
          posted += (JSON.parse(response.text) as string[]).length;
        }
      }),
    );
  } finally {
    clearInterval(progress);
    agent.destroy();
  }
  const cpu = process.cpuUsage(cpuStart);
  return { posted, seconds: (performance.now() - start) / 1000, cpuMs: (cpu.user + cpu.system) / 1000 };
}

function post(
  url: string,
  headers: Record<string, string>,
  body: string,
  agent: Agent,
): Promise<{ status: number; text: string }> {
  return new Promise((resolve, reject) => {
    const req = request(
      url,
      { method: 'POST', headers: { ...headers, 'content-length': Buffer.byteLength(body) }, agent },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (chunk: Buffer) => chunks.push(chunk));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, text: Buffer.concat(chunks).toString('utf8') }));
        res.on('error', reject);
      },
    );
    req.on('error', reject);
    req.end(body);
  });
}

if (process.send) {
  process.on('message', (request: LoadRequest) => {
    postAll(request).then(
      (done) => process.send!(done satisfies LoadDone),
      (error: unknown) => process.send!({ error: String(error) } satisfies LoadDone),
    );
  });
}
