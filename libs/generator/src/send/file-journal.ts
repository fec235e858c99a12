import { appendFileSync, existsSync, readFileSync, writeFileSync } from 'node:fs';
import type { Journal } from './send-plan.js';

/**
 * A journal kept in a file of JSON lines: a head line naming the data set (`options`), then one line per
 * step sent. A run given the file of an interrupted run of the same options resumes after its last step;
 * a file of other options is refused. The last line may be cut off by the interruption: that step is
 * sent again.
 */
export function fileJournal(file: string, options: unknown): Journal & { resumed: number } {
  const steps = new Map<string, unknown>();
  if (existsSync(file)) {
    const text = readFileSync(file, 'utf8');
    // A line cut off ends without its newline: the next step goes on a line of its own.
    if (!text.endsWith('\n')) appendFileSync(file, '\n');
    const [head, ...lines] = text.split('\n').filter(Boolean);
    if (JSON.stringify(journalOptions(head)) !== JSON.stringify(options))
      throw new Error(`${file} is the journal of another data set (${head})`);
    for (const line of lines) {
      const step = parsed(line) as { key: string; value: unknown } | undefined;
      if (step) steps.set(step.key, step.value);
    }
  } else writeFileSync(file, `${JSON.stringify({ options })}\n`, { mode: 0o600 });
  return {
    resumed: steps.size,
    get: (key) => steps.get(key),
    record(key, value) {
      steps.set(key, value);
      appendFileSync(file, `${JSON.stringify({ key, value })}\n`);
    },
  };
}

/** The options a journal file was begun with, or undefined when there is no such file (or no whole head line). */
export function fileJournalOptions(file: string): unknown {
  if (!existsSync(file)) return undefined;
  return journalOptions(readFileSync(file, 'utf8').split('\n')[0]);
}

function journalOptions(head: string | undefined): unknown {
  return (parsed(head ?? '') as { options?: unknown } | undefined)?.options;
}

function parsed(line: string): unknown {
  try {
    return JSON.parse(line);
  } catch {
    return undefined;
  }
}
