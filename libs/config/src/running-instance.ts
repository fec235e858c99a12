import { existsSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Where a listening API process says where it is: `DATA_DIR/server.json`, so the CLI (and an operator)
 * finds the instance of a data directory whatever port it was given.
 */
export const RUNNING_INSTANCE_FILE = 'server.json';

export interface RunningInstance {
  /** The base URL this machine reaches the process at, e.g. http://127.0.0.1:8080. */
  url: string;
  pid: number;
  startedAt: string;
}

/** The URL to reach a server listening on `host`:`port` from this machine (a wildcard address means loopback). */
export function localUrl(host: string, port: number): string {
  const reachable = host === '0.0.0.0' || host === '::' ? '127.0.0.1' : host;
  return `http://${reachable.includes(':') ? `[${reachable}]` : reachable}:${port}`;
}

export function writeRunningInstance(dataDir: string, instance: RunningInstance): void {
  writeFileSync(join(dataDir, RUNNING_INSTANCE_FILE), `${JSON.stringify(instance, null, 2)}\n`);
}

/** Removes the file at shutdown, unless another process of the same data directory has written it since. */
export function removeRunningInstance(dataDir: string, pid: number): void {
  if (readRunningInstance(dataDir)?.pid === pid) rmSync(join(dataDir, RUNNING_INSTANCE_FILE), { force: true });
}

/** The instance recorded in `dataDir` while its process is alive; a file left by a killed process is ignored. */
export function findRunningInstance(dataDir: string): RunningInstance | undefined {
  const instance = readRunningInstance(dataDir);
  return instance && isAlive(instance.pid) ? instance : undefined;
}

function readRunningInstance(dataDir: string): RunningInstance | undefined {
  const file = join(dataDir, RUNNING_INSTANCE_FILE);
  if (!existsSync(file)) return undefined;
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as Partial<RunningInstance>;
    return typeof parsed.url === 'string' && Number.isInteger(parsed.pid) ? (parsed as RunningInstance) : undefined;
  } catch {
    return undefined;
  }
}

function isAlive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: alive, but another user's.
    return (error as NodeJS.ErrnoException).code === 'EPERM';
  }
}
