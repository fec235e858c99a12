import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startTestApp, type TestApp } from '../../../../test/support/app.js';
import { apiCaller, createOrganisation, demoSeedStatus } from './seed-demo.js';

/**
 * What a start makes of the database before it seeds (main.ts): a seed cut off (its marker `seeding`,
 * nothing but its part) is `interrupted`, to be emptied and seeded again; anything else beside it, and
 * it is `has-data`, left alone. On a real database through the real HTTP API.
 */
let app: TestApp;
const marker = (outcome: string) =>
  app.runtime.pool.query(
    'insert into demo_seed (id, outcome) values (1, $1) on conflict (id) do update set outcome = excluded.outcome',
    [outcome],
  );

beforeAll(async () => {
  app = await startTestApp();
}, 120_000);

afterAll(async () => {
  await app?.close();
});

describe('the demo seed status a start finds', () => {
  it('is interrupted while the marker says seeding and only the seed has written', async () => {
    expect(await demoSeedStatus(app.runtime)).toBe('empty');
    await marker('seeding');
    expect(await demoSeedStatus(app.runtime)).toBe('interrupted');
    await createOrganisation(apiCaller(app.baseUrl, app.adminToken));
    expect(await demoSeedStatus(app.runtime)).toBe('interrupted');
  });

  it('has data (left alone) once someone else has registered an organisation or a user beside it', async () => {
    await apiCaller(app.baseUrl, app.adminToken)('POST', '/api/admin/users', {
      email: 'someone@elsewhere.example.org',
      displayName: 'Someone',
      password: 'a long enough password',
      roles: [{ kind: 'evaluator' }],
    });
    expect(await demoSeedStatus(app.runtime)).toBe('has-data');
  });

  it('is seeded (or skipped) as its marker says once the seed has ended', async () => {
    await marker('seeded');
    expect(await demoSeedStatus(app.runtime)).toBe('seeded');
    await marker('skipped: the database already held data');
    expect(await demoSeedStatus(app.runtime)).toBe('skipped');
  });
});
