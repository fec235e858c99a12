import { describe, expect, it } from 'vitest';
import { allProjections } from './contexts.js';

describe('the projections writers wait for', () => {
  // A command answers once these hold its events (read-your-writes): in the background lane they would
  // wait behind every slower read model's batch (the trends took ~0.5 s a batch on a loaded host).
  it.each(['workforce', 'audit', 'audit-statement-reactor', 'xapi-statements'])(
    '%s is awaited: its batches start first, ahead of the background lane',
    (name) => {
      expect(allProjections.find((p) => p.name === name)?.awaited).toBe(true);
    },
  );
});
