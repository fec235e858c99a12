import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { writeRunningInstance } from '#libs/config';
import { baseUrlOf } from './api-client.js';

describe('which Continuum the CLI talks to', () => {
  const dataDir = mkdtempSync(join(tmpdir(), 'continuum-cli-'));
  const emptyDir = mkdtempSync(join(tmpdir(), 'continuum-cli-empty-'));
  afterAll(() => {
    rmSync(dataDir, { recursive: true, force: true });
    rmSync(emptyDir, { recursive: true, force: true });
  });
  writeRunningInstance(dataDir, {
    url: 'http://127.0.0.1:18123',
    pid: process.pid,
    startedAt: new Date().toISOString(),
  });

  it('the instance running from DATA_DIR, whatever its port', () => {
    expect(baseUrlOf({}, { DATA_DIR: dataDir })).toBe('http://127.0.0.1:18123');
    expect(baseUrlOf({}, { DATA_DIR: dataDir, PORT: '9000' })).toBe('http://127.0.0.1:18123');
  });

  it('--url, then CONTINUUM_URL, come first', () => {
    expect(baseUrlOf({ url: 'http://a.example/' }, { DATA_DIR: dataDir, CONTINUUM_URL: 'http://b.example' })).toBe(
      'http://a.example',
    );
    expect(baseUrlOf({}, { DATA_DIR: dataDir, CONTINUUM_URL: 'http://b.example/' })).toBe('http://b.example');
  });

  it('without a running instance: localhost:PORT, 8080 by default', () => {
    expect(baseUrlOf({}, { DATA_DIR: emptyDir, PORT: '9000' })).toBe('http://localhost:9000');
    expect(baseUrlOf({}, { DATA_DIR: emptyDir })).toBe('http://localhost:8080');
  });

  it('ignores the file of a process that is gone (killed without a shutdown)', () => {
    const stale = mkdtempSync(join(tmpdir(), 'continuum-cli-stale-'));
    writeRunningInstance(stale, {
      url: 'http://127.0.0.1:18124',
      pid: 2 ** 22 + 12345,
      startedAt: new Date().toISOString(),
    });
    expect(baseUrlOf({}, { DATA_DIR: stale })).toBe('http://localhost:8080');
    rmSync(stale, { recursive: true, force: true });
  });
});
