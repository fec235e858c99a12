import { appendFileSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { fileJournal, fileJournalOptions } from './file-journal.js';

const directory = mkdtempSync(join(tmpdir(), 'continuum-file-journal-'));
afterAll(() => rmSync(directory, { recursive: true, force: true }));

describe('fileJournal', () => {
  it('keeps the steps of a run for the next run of the same options, a cut-off last line aside', () => {
    const file = join(directory, 'journal.ndjson');
    const options = { organisations: 2, workers: 10, seed: 'demo', until: '2026-12-07' };
    const first = fileJournal(file, options);
    expect(first.resumed).toBe(0);
    first.record('organisation:a:client', { key: 'k', secret: 's' });
    first.record('staff:a:0', ['w1', 'w2']);
    appendFileSync(file, '{"key":"statements:a:0","va');
    expect(fileJournalOptions(file)).toEqual(options);
    const second = fileJournal(file, options);
    expect(second.resumed).toBe(2);
    expect(second.get('staff:a:0')).toEqual(['w1', 'w2']);
    expect(second.get('statements:a:0')).toBeUndefined();
    second.record('statements:a:0', null);
    expect(fileJournal(file, options).get('statements:a:0')).toBeNull();
    expect(() => fileJournal(file, { ...options, workers: 11 })).toThrow(/journal of another data set/);
    expect(fileJournalOptions(join(directory, 'none.ndjson'))).toBeUndefined();
  });
});
