import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestDatabase, type TestDatabase } from '../../../test/support/database.js';
import { copyRows } from './copy.js';

let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(2);
  await db.pool.query(`create table copied (n integer, t text, b boolean, x float8, a float8[])`);
});
afterAll(async () => {
  await db?.drop();
});

describe('copyRows', () => {
  it('reads back every row as it was written: any text (tabs, new lines, backslashes, \\N), nulls, booleans, numbers, arrays', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(
          fc.tuple(
            fc.option(fc.string({ unit: fc.constantFrom('a', '\t', '\n', '\r', '\\', 'N', '.', 'é', '\u{1F600}') })),
            fc.option(fc.boolean()),
            fc.option(fc.double({ noNaN: true, noDefaultInfinity: true })),
            fc.array(fc.integer(), { maxLength: 3 }),
          ),
          { maxLength: 30 },
        ),
        async (rows) => {
          const client = await db.pool.connect();
          try {
            await client.query('truncate copied');
            await copyRows(
              client,
              'copied',
              ['n', 't', 'b', 'x', 'a'],
              rows.map(([t, b, x, a], n) => [n, t, b, x, `{${a.join(',')}}`]),
            );
            const { rows: back } = await client.query(`select t, b, x, a from copied order by n`);
            expect(back).toEqual(rows.map(([t, b, x, a]) => ({ t, b, x: x === null ? null : x + 0, a })));
          } finally {
            client.release();
          }
        },
      ),
      { numRuns: 30 },
    );
  });

  it('a long load goes in chunks and arrives whole', async () => {
    const client = await db.pool.connect();
    try {
      await client.query('truncate copied');
      const text = 'x'.repeat(1000);
      await copyRows(
        client,
        'copied',
        ['n', 't'],
        Array.from({ length: 3000 }, (_, n) => [n, text]),
      );
      const { rows } = await client.query(`select count(*)::int as n, sum(length(t))::int as chars from copied`);
      expect(rows[0]).toEqual({ n: 3000, chars: 3_000_000 });
    } finally {
      client.release();
    }
  });
});
