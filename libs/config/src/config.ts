import { tmpdir } from 'node:os';
import { resolve } from 'node:path';
import { z } from 'zod';
import { trustProxySchema, type TrustProxy } from './trust-proxy.js';

const booleanFlag = z
  .enum(['true', 'false', '1', '0'], { message: 'must be true or false' })
  .transform((v) => v === 'true' || v === '1');

const url = (protocols: string[]) =>
  z.string().refine(
    (v) => {
      try {
        return protocols.includes(new URL(v).protocol);
      } catch {
        return false;
      }
    },
    { message: `must be a URL starting with ${protocols.map((p) => `${p}//`).join(' or ')}` },
  );

const configShape = {
  EVENT_STORE: z.enum(['postgres', 'esdb'], { message: 'must be "postgres" or "esdb"' }).default('postgres'),
  EVENTSTORE_URL: url(['esdb:', 'esdb+discover:', 'kurrentdb:', 'kurrentdb+discover:', 'kdb:']).optional(),
  DATABASE_URL: url(['postgres:', 'postgresql:']).optional(),
  REDIS_URL: url(['redis:', 'rediss:']).optional(),
  JOB_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]{1,64}$/, 'must be 1-64 letters, digits, "_" or "-"')
    .default('continuum'),
  PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be 1-65535')
    .max(65535, 'must be 1-65535')
    .default(8080),
  EMBEDDED_PG_PORT: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be 1-65535')
    .max(65535, 'must be 1-65535')
    .optional(),
  HOST: z.string().min(1).default('0.0.0.0'),
  TRUST_PROXY: trustProxySchema,
  DATA_DIR: z.string().min(1, 'must not be empty').default('./.data'),
  ADMIN_TOKEN: z.string().min(16, 'must be at least 16 characters').optional(),
  RUN_WORKER: booleanFlag.optional(),
  MAX_EVENT_BYTES: z.coerce
    .number({ message: 'must be a number' })
    .int()
    .min(1024, 'must be at least 1024')
    .default(1_048_576),
  LRS_BOOTSTRAP_KEY: z
    .string()
    .regex(/^[A-Za-z0-9._~-]{1,200}$/, 'must be 1-200 letters, digits, ".", "_", "~" or "-" (no ":")')
    .optional(),
  LRS_BOOTSTRAP_SECRET: z.string().min(1).max(1000, 'must be at most 1000 characters').optional(),
  DEMO_DATA: booleanFlag.optional(),
  DEMO_TRENDS: booleanFlag.optional(),
  DEMO_TRENDS_WORKERS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be 1-100000')
    .max(100_000, 'must be 1-100000')
    .default(500),
  XAPI_WRITE_WAIT_MS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(0, 'must be 0-60000')
    .max(60_000, 'must be 0-60000')
    .default(2000),
  MAX_REQUEST_BYTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1_048_576, 'must be at least 1048576')
    .default(67_108_864),
  XAPI_MAX_BATCH_STATEMENTS: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1, 'must be at least 1')
    .default(1000),
  MAX_ATTACHMENT_BYTES: z.coerce
    .number({ message: 'must be a number' })
    .int('must be an integer')
    .min(1_048_576, 'must be at least 1048576')
    .default(67_108_864),
  ATTACHMENT_SPOOL_DIR: z.string().min(1, 'must not be empty').optional(),
  VALIDATE_API_RESPONSES: booleanFlag.optional(),
};

const configSchema = z.object(configShape).superRefine((c, ctx) => {
  if (c.EVENT_STORE === 'esdb' && !c.EVENTSTORE_URL) {
    ctx.addIssue({ code: 'custom', path: ['EVENTSTORE_URL'], message: 'is required when EVENT_STORE=esdb' });
  }
  if (c.EVENT_STORE === 'esdb' && !c.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['DATABASE_URL'],
      message: 'is required when EVENT_STORE=esdb (read models live in PostgreSQL)',
    });
  }
  if (c.EMBEDDED_PG_PORT !== undefined && c.DATABASE_URL) {
    ctx.addIssue({
      code: 'custom',
      path: ['EMBEDDED_PG_PORT'],
      message: 'is for the embedded PostgreSQL, which does not start when DATABASE_URL is set',
    });
  }
  if (Boolean(c.LRS_BOOTSTRAP_KEY) !== Boolean(c.LRS_BOOTSTRAP_SECRET)) {
    const missing = c.LRS_BOOTSTRAP_KEY ? 'LRS_BOOTSTRAP_SECRET' : 'LRS_BOOTSTRAP_KEY';
    ctx.addIssue({
      code: 'custom',
      path: [missing],
      message: 'is required when the other LRS_BOOTSTRAP_* variable is set',
    });
  }
});

export interface AppConfig {
  eventStore: 'postgres' | 'esdb';
  eventStoreUrl?: string;
  /** Absent: an embedded PostgreSQL is started under `dataDir`. */
  databaseUrl?: string;
  /** Absent: jobs run on a same-process queue. */
  redisUrl?: string;
  /** The Redis key prefix of the BullMQ queues: deployments (or test runs) sharing one Redis keep apart by it. */
  jobQueuePrefix: string;
  port: number;
  host: string;
  /** Whose X-Forwarded-For gives the client's address (sign-in limits count per address); default none. */
  trustProxy: TrustProxy;
  /** The embedded PostgreSQL's port on 127.0.0.1; absent: a port free at start-up. */
  embeddedPgPort?: number;
  dataDir: string;
  adminToken?: string;
  /** Whether this process also runs projections and job processors. */
  runWorker: boolean;
  maxEventBytes: number;
  /** Both set: an LRS client with this key and secret and scope `all` is ensured at start-up. */
  lrsBootstrapKey?: string;
  lrsBootstrapSecret?: string;
  /** Embedded mode only: seed a demo data set on the first start (`DEMO_DATA=false` switches it off). */
  demoData: boolean;
  /**
   * With the demo data: also generate ~20 organisations and 500 workers over 4 years (a background job
   * after the demo people exist) so every trend shows something (`DEMO_TRENDS=false` switches it off).
   */
  demoTrends: boolean;
  /** The demo trends' workers (500), one organisation per 25 of them: smaller in tests. */
  demoTrendsWorkers: number;
  /**
   * How long a statement write waits for the statements to be queryable before it answers; 0 answers
   * as soon as they are durably in the log (clients then read X-Experience-API-Consistent-Through).
   */
  xapiWriteWaitMs: number;
  /**
   * The largest request body held in memory, in bytes: JSON (a statement batch, the statements part of
   * multipart/mixed), a form or a document.
   */
  maxRequestBytes: number;
  /**
   * The largest multipart/mixed statements request (the statements and their attachments together), in
   * bytes. Its attachments are streamed to `attachmentSpoolDir` and then to PostgreSQL, never held whole.
   */
  maxAttachmentBytes: number;
  /** Where attachment parts wait, one folder per request, until the statements are stored or refused. */
  attachmentSpoolDir: string;
  /** The most statements one POST may hold; more is a 413 (README "Limits" says why 1,000). */
  xapiMaxBatchStatements: number;
  /**
   * Every 2xx JSON answer of /api is checked against the response schema the OpenAPI document gives it;
   * one that differs becomes a 500 naming the difference. The test suite switches it on; off in production.
   */
  validateApiResponses: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n${problems.map((p) => `  - ${p}`).join('\n')}`);
    this.name = 'ConfigError';
  }
}

export function loadConfig(env: NodeJS.ProcessEnv = process.env): AppConfig {
  const raw = Object.fromEntries(Object.keys(configShape).map((k) => [k, env[k] === '' ? undefined : env[k]]));
  const parsed = configSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => {
        const name = String(i.path[0] ?? 'configuration');
        const got = env[name] === undefined ? '' : ` (got ${JSON.stringify(env[name])})`;
        return `${name} ${i.message}${got}`;
      }),
    );
  }
  const c = parsed.data;
  return {
    eventStore: c.EVENT_STORE,
    eventStoreUrl: c.EVENTSTORE_URL,
    databaseUrl: c.DATABASE_URL,
    redisUrl: c.REDIS_URL,
    jobQueuePrefix: c.JOB_QUEUE_PREFIX,
    port: c.PORT,
    host: c.HOST,
    trustProxy: c.TRUST_PROXY ?? false,
    embeddedPgPort: c.EMBEDDED_PG_PORT,
    dataDir: resolve(c.DATA_DIR),
    adminToken: c.ADMIN_TOKEN,
    runWorker: c.RUN_WORKER ?? true,
    maxEventBytes: c.MAX_EVENT_BYTES,
    lrsBootstrapKey: c.LRS_BOOTSTRAP_KEY,
    lrsBootstrapSecret: c.LRS_BOOTSTRAP_SECRET,
    demoData: c.DEMO_DATA ?? true,
    demoTrends: c.DEMO_TRENDS ?? true,
    demoTrendsWorkers: c.DEMO_TRENDS_WORKERS,
    xapiWriteWaitMs: c.XAPI_WRITE_WAIT_MS,
    maxRequestBytes: c.MAX_REQUEST_BYTES,
    xapiMaxBatchStatements: c.XAPI_MAX_BATCH_STATEMENTS,
    maxAttachmentBytes: c.MAX_ATTACHMENT_BYTES,
    attachmentSpoolDir: resolve(c.ATTACHMENT_SPOOL_DIR ?? tmpdir()),
    validateApiResponses: c.VALIDATE_API_RESPONSES ?? false,
  };
}
