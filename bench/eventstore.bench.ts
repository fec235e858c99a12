import { runMigrations } from '#libs/database';
import { eventStoreMigrations, PostgresEventStore, START } from '#libs/event-store';
import { benchDatabase, machineLine, mb, writeBenchmarkSection } from './support.js';

const TOTAL = Number(process.env.BENCH_EVENTS ?? 1_000_000);
const WRITERS = 8;
const BATCH = Number(process.env.BENCH_BATCH ?? 1000);

async function main(): Promise<void> {
  const db = await benchDatabase(WRITERS + 4);
  await runMigrations(db.pool, eventStoreMigrations);
  const store = new PostgresEventStore(db.pool);
  console.log(
    `Appending ${TOTAL.toLocaleString()} events with ${WRITERS} concurrent writers in batches of ${BATCH} (${db.describe})`,
  );

  const perWriter = Math.ceil(TOTAL / WRITERS);
  let appended = 0;
  const appendStart = performance.now();
  const progress = setInterval(() => console.log(`  appended ${appended.toLocaleString()}`), 5000);
  await Promise.all(
    Array.from({ length: WRITERS }, async (_, w) => {
      for (let offset = 0; offset < perWriter; offset += BATCH) {
        const size = Math.min(BATCH, perWriter - offset);
        const events = Array.from({ length: size }, (_, i) => ({
          type: 'BenchEventRecorded',
          data: { writer: w, n: offset + i, note: 'a small event' },
          metadata: { tenantId: `org-${w}`, actor: 'bench' },
        }));
        await store.append({ streamId: `bench-${w}-${Math.floor(offset / (BATCH * 10))}`, events });
        appended += size;
      }
    }),
  );
  clearInterval(progress);
  const appendSeconds = (performance.now() - appendStart) / 1000;
  const appendRate = Math.round(appended / appendSeconds);
  console.log(
    `Append: ${appended.toLocaleString()} events in ${appendSeconds.toFixed(1)} s = ${appendRate.toLocaleString()} events/s`,
  );

  global.gc?.();
  const memory: { events: number; rss: number; heap: number }[] = [];
  let read = 0;
  const readStart = performance.now();
  const subscription = store.subscribeToAll({ after: START });
  const checkpoints = new Set([1, 2, 4, 6, 8, 10].map((k) => Math.floor((appended * k) / 10)));
  for await (const _event of subscription) {
    read += 1;
    if (checkpoints.has(read)) {
      // After a full collection, so the figure is what the reader retains, not garbage not yet collected.
      global.gc?.();
      const m = process.memoryUsage();
      memory.push({ events: read, rss: m.rss, heap: m.heapUsed });
      console.log(`  read ${read.toLocaleString()}: rss ${mb(m.rss)}, heap ${mb(m.heapUsed)}`);
    }
    if (read >= appended) break;
  }
  await subscription.close();
  const readSeconds = (performance.now() - readStart) / 1000;
  const readRate = Math.round(read / readSeconds);
  console.log(
    `Catch-up read: ${read.toLocaleString()} events in ${readSeconds.toFixed(1)} s = ${readRate.toLocaleString()} events/s`,
  );
  const peakRss = Math.max(...memory.map((m) => m.rss));

  const verdict = (ok: boolean) => (ok ? 'met' : '**missed**');
  writeBenchmarkSection(
    'eventstore',
    `## Event store (PostgreSQL adapter) — \`npm run bench:eventstore\`

Run ${new Date().toISOString().slice(0, 10)} on ${machineLine()}; ${db.describe}.
${appended.toLocaleString()} small events (~120 bytes of data), ${WRITERS} concurrent writers, batches of ${BATCH}; then one catch-up subscription from the start of the log.

| measure | figure | target | |
|---|---|---|---|
| append | ${appendRate.toLocaleString()} events/s (${appendSeconds.toFixed(1)} s) | >= 20,000 events/s | ${verdict(appendRate >= 20_000)} |
| catch-up read | ${readRate.toLocaleString()} events/s (${readSeconds.toFixed(1)} s) | >= 100,000 events/s | ${verdict(readRate >= 100_000)} |
| peak RSS while reading | ${mb(peakRss)} | flat in events read | see below |

Memory while reading (process RSS / JS heap after a full collection, after N events): ${memory.map((m) => `${m.events.toLocaleString()}: ${mb(m.rss)} / ${mb(m.heap)}`).join('; ')}.`,
  );
  await store.close();
  await db.close();
}

main().catch((error) => {
  console.error(error);
  process.exit(1);
});
