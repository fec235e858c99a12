import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { HashQueue } from './hash-queue.js';

class Busy extends Error {}

/** A task that runs until the test ends it, noting when it started. */
function heldTask(started: number[], id: number) {
  let end!: () => void;
  const done = new Promise<void>((resolve) => (end = resolve));
  return {
    end: () => end(),
    run: async () => {
      started.push(id);
      await done;
      return id;
    },
  };
}

describe('HashQueue', () => {
  it('runs at most inFlight, holds at most maxWaiting in order, refuses the rest at once', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.integer({ min: 1, max: 4 }),
        fc.integer({ min: 0, max: 6 }),
        fc.array(fc.boolean(), { maxLength: 40 }),
        async (inFlight, maxWaiting, steps) => {
          const queue = new HashQueue(inFlight, maxWaiting, () => new Busy());
          const started: number[] = [];
          const running: ReturnType<typeof heldTask>[] = [];
          const accepted: number[] = [];
          const results: Promise<unknown>[] = [];
          let modelWaiting = 0;
          let modelRunning = 0;
          let id = 0;
          // true: submit a task; false: end the oldest running task.
          for (const submit of steps) {
            if (submit) {
              const task = heldTask(started, id);
              const result = queue.run(task.run);
              results.push(result.catch(() => {}));
              if (modelRunning < inFlight) modelRunning++;
              else if (modelWaiting < maxWaiting) modelWaiting++;
              else {
                await expect(result).rejects.toBeInstanceOf(Busy);
                id++;
                continue;
              }
              running.push(task);
              accepted.push(id++);
            } else if (modelRunning > 0) {
              running.shift()!.end();
              if (modelWaiting > 0) modelWaiting--;
              else modelRunning--;
            }
            await new Promise((resolve) => setImmediate(resolve));
            expect(queue.runningNow).toBe(modelRunning);
            expect(queue.waitingNow).toBe(modelWaiting);
            expect(queue.mostWaiting).toBeLessThanOrEqual(maxWaiting);
          }
          for (const task of running) task.end();
          await Promise.all(results);
          // Every accepted task ran, in the order it came; no refused one ran.
          expect(started).toEqual(accepted);
        },
      ),
      { numRuns: 200 },
    );
  });

  it("refuses with the caller's own refusal when it gives one (an LRS secret is not a password)", async () => {
    class SecretBusy extends Error {}
    const queue = new HashQueue(1, 0, () => new Busy());
    const task = heldTask([], 0);
    const running = queue.run(task.run);
    await expect(
      queue.run(
        async () => 1,
        () => new SecretBusy(),
      ),
    ).rejects.toBeInstanceOf(SecretBusy);
    await expect(queue.run(async () => 1)).rejects.toBeInstanceOf(Busy);
    task.end();
    expect(await running).toBe(0);
  });
});
