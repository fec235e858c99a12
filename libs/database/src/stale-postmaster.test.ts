import { execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { stopStalePostmaster } from './embedded-postgres.js';

describe('a postmaster.pid left by a killed process', () => {
  const directory = mkdtempSync(join(tmpdir(), 'continuum-stale-pid-'));
  const pids: number[] = [];
  afterEach(() => {
    for (const pid of pids) if (alive(pid)) process.kill(pid, 'SIGKILL');
    rmSync(join(directory, 'postmaster.pid'), { force: true });
  });

  /**
   * A process whose command line reads like `postgres -D <directory>`, started in the background of a
   * shell so that it is not this process's child (as a left-over PostgreSQL is not): init reaps it.
   */
  const running = (dataDirectory: string): number => {
    // A background job of a non-interactive shell starts with SIGINT ignored: the handler undoes that.
    const ready = join(directory, `ready-${pids.length}`);
    const code = `process.on("SIGINT", () => process.exit(0)); require("fs").writeFileSync(process.argv[3], ""); setTimeout(() => {}, 60000)`;
    const script = `"${process.execPath}" -e '${code}' -- -D "${dataDirectory}" "${ready}" >/dev/null 2>&1 & echo $!`;
    const pid = Number(execFileSync('sh', ['-c', script], { encoding: 'utf8' }).trim());
    while (!existsSync(ready)) execFileSync('sleep', ['0.05']);
    pids.push(pid);
    return pid;
  };

  it('stops the process when it runs on this directory', () => {
    const postmaster = running(directory);
    writeFileSync(join(directory, 'postmaster.pid'), `${postmaster}\n${directory}\n`);
    stopStalePostmaster(directory, () => {});
    expect(alive(postmaster)).toBe(false);
  });

  it('never signals a process that reused the pid, and removes the stale file', () => {
    const other = running('/somewhere/else');
    writeFileSync(join(directory, 'postmaster.pid'), `${other}\n${directory}\n`);
    const lines: string[] = [];
    stopStalePostmaster(directory, (line) => lines.push(line));
    expect(existsSync(join(directory, 'postmaster.pid'))).toBe(false);
    expect(lines.join('\n')).toContain('is not PostgreSQL on');
    expect(alive(other)).toBe(true);
  });
});

function alive(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch {
    return false;
  }
}
