import { randomUUID } from 'node:crypto';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_VERBS as VERBS,
  organisationalCapabilities,
  personalCapabilities,
} from '#libs/framework';
import { startTestApp, waitForProjections, type TestApp } from '../../../test/support/app.js';
import { api, createUser, indicatorsOfStage, ok } from '../../../test/support/http-api.js';
import { rebuildProjection } from '#libs/projections';

/**
 * A hand-built data set written through the real HTTP API (organisations, adoption, audits, workers,
 * roles, evidence), whose figures at each year end are worked out by hand below. Events are recorded
 * in the current year, so the years run from 2022 to it (the horizon); nothing happens after 2025.
 */
let app: TestApp;
let admin: string;
const HORIZON = new Date().getUTCFullYear();
const LATER = Array.from({ length: HORIZON - 2025 }, (_, i) => 2026 + i);
const OC = organisationalCapabilities[0]!;
const TEAMWORK = 'pc.teamwork';
const VOIDED = 'http://adlnet.gov/expapi/verbs/voided';

const org = (id: string, sector: string, region: string) => ({
  id,
  name: `Org ${id}`,
  sector,
  region,
  serviceType: 'care at home',
  sizeBand: 'small',
});
const V = ['v1', 'v2', 'v3', 'v4', 'v5', 'v6'];
const P = ['p1', 'p2', 'p3', 'p4', 'p5'];
const R = ['r1', 'r2'];
const workers: Record<string, string> = {};

async function register(name: string, organisationId: string, joinedOn: string) {
  workers[name] = (
    await ok(app, admin, 'POST', '/api/workers', {
      name,
      identifiers: [{ mbox: `mailto:${name}@trends.example.org` }],
      organisationId,
      joinedOn,
    })
  ).id;
}
/** Records the assessments; returns their statement ids. */
async function assess(name: string, indicatorIds: string[], occurredAt: string, evidenced = true): Promise<string[]> {
  const ids: string[] = [];
  for (const indicatorId of indicatorIds)
    ids.push(
      (
        await ok(app, admin, 'POST', `/api/workers/${workers[name]}/evidence`, {
          kind: 'assessment',
          indicatorId,
          evidenced,
          occurredAt,
        })
      ).statementId,
    );
  return ids;
}
let w12Established: string[] = [];
async function audit(organisationId: string, startedOn: string, completedOn: string, achieved: string[]) {
  const { id } = await ok(app, admin, 'POST', `/api/organisations/${organisationId}/audits`, { startedOn });
  for (const indicatorId of achieved)
    await ok(app, admin, 'PUT', `/api/organisations/${organisationId}/audits/${id}/indicators/${indicatorId}`, {
      achieved: true,
      evidence: 'minutes',
    });
  await ok(app, admin, 'POST', `/api/organisations/${organisationId}/audits/${id}/complete`, { completedOn });
}
const orgIndicators = (stage: string) =>
  OC.stages.find((s) => s.stage === stage)!.organisationIndicators.map((i) => i.id);

beforeAll(async () => {
  app = await startTestApp();
  admin = app.adminToken;
  for (const id of V) await ok(app, admin, 'POST', '/api/organisations', org(id, 'voluntary', 'Highland'));
  for (const id of P) await ok(app, admin, 'POST', '/api/organisations', org(id, 'public', 'Fife'));
  for (const id of R) await ok(app, admin, 'POST', '/api/organisations', org(id, 'private', 'Fife'));
  // Adoption in different years; p5 stops using the CLF in 2025.
  for (const id of V.slice(0, 5)) {
    await ok(app, admin, 'POST', `/api/organisations/${id}/adoption`, { status: 'using', date: '2023-03-01' });
    await ok(app, admin, 'POST', `/api/organisations/${id}/adoption`, { status: 'aware', date: '2022-05-01' });
  }
  await ok(app, admin, 'POST', '/api/organisations/v6/adoption', { status: 'aware', date: '2024-01-10' });
  for (const id of P) {
    await ok(app, admin, 'POST', `/api/organisations/${id}/adoption`, { status: 'aware', date: '2023-06-01' });
    await ok(app, admin, 'POST', `/api/organisations/${id}/adoption`, { status: 'using', date: '2024-09-01' });
  }
  await ok(app, admin, 'POST', '/api/organisations/p5/adoption', { status: 'stopped', date: '2025-02-01' });
  // Audits of the first organisational capability: v1-v5 engaged in 2023; in 2024 v1-v3 established, v4 the same, v5 down; p1 engaged.
  for (const id of V.slice(0, 5)) await audit(id, '2023-10-01', '2023-11-01', orgIndicators('engaged'));
  for (const id of V.slice(0, 3))
    await audit(id, '2024-10-01', '2024-11-01', [...orgIndicators('engaged'), ...orgIndicators('established')]);
  await audit('v4', '2024-10-01', '2024-11-01', orgIndicators('engaged'));
  await audit('v5', '2024-10-01', '2024-11-01', []);
  await audit('p1', '2024-10-01', '2024-11-01', orgIndicators('engaged'));

  await ok(app, admin, 'POST', '/api/roles', {
    id: 'v1-carer',
    organisationId: 'v1',
    name: 'carer',
    requirements: [{ capabilityId: TEAMWORK, stage: 'engaged' }],
  });
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await register(`w${n}`, 'v1', '2022-01-10');
    await ok(app, admin, 'POST', `/api/workers/${workers[`w${n}`]}/roles`, { roleId: 'v1-carer', from: '2022-01-10' });
  }
  for (const n of [7, 8, 9, 10, 11]) await register(`w${n}`, 'p1', '2023-01-10');
  await register('w12', 'v2', '2022-01-10');
  for (const n of [13, 14]) await register(`w${n}`, 'r1', '2023-05-01');

  const engaged = indicatorsOfStage(TEAMWORK, 'engaged');
  const established = indicatorsOfStage(TEAMWORK, 'established');
  for (const n of [1, 2, 3, 4]) await assess(`w${n}`, engaged, '2023-06-01T10:00:00Z');
  for (const n of [1, 2]) await assess(`w${n}`, established, '2024-05-01T10:00:00Z');
  await assess('w3', [engaged[0]!], '2025-02-01T10:00:00Z', false); // w3 falls back in 2025
  // w5: established indicators first, then the engaged ones backdated to 2022, recorded last: both land in their own years.
  await assess('w5', established, '2024-04-01T10:00:00Z');
  for (const n of [7, 8, 9]) await assess(`w${n}`, engaged, '2024-03-01T10:00:00Z');
  // w12 is engaged in 2023 at v2, moves to p2 in April 2024, and is established there in 2025.
  await assess('w12', engaged, '2023-03-01T10:00:00Z');
  await ok(app, admin, 'POST', `/api/workers/${workers.w12}/memberships/end`, {
    organisationId: 'v2',
    to: '2024-03-31',
  });
  const joined = await api(app, admin, 'POST', `/api/workers/${workers.w12}/memberships`, {
    organisationId: 'p2',
    from: '2024-04-01',
  });
  if (joined.status === 202) await ok(app, admin, 'POST', `/api/workers/${workers.w12}/invitations/p2/accept`);
  w12Established = await assess('w12', established, '2025-01-15T10:00:00Z');
  // Learning: w1-w6 one 2-hour course each in 2023; w7-w11 feedback from their line manager in 2024, w7 also from a carer.
  for (const n of [1, 2, 3, 4, 5, 6]) {
    await ok(app, admin, 'POST', `/api/workers/${workers[`w${n}`]}/evidence`, {
      kind: 'learning-activity',
      mode: 'formal',
      title: 'Moving and handling',
      hours: 2,
      occurredAt: '2023-09-01T09:00:00Z',
    });
  }
  for (const n of [7, 8, 9, 10, 11])
    await ok(app, admin, 'POST', `/api/workers/${workers[`w${n}`]}/evidence`, {
      kind: 'feedback',
      source: 'line-manager',
      occurredAt: '2024-07-01T09:00:00Z',
    });
  await ok(app, admin, 'POST', `/api/workers/${workers.w7}/evidence`, {
    kind: 'feedback',
    source: 'carer',
    occurredAt: '2024-08-01T09:00:00Z',
  });
  await assess('w5', engaged, '2022-08-01T10:00:00Z');
  await waitForProjections(app.runtime, 90_000); // generous: the suite shares 2 cores
}, 300_000);

afterAll(async () => {
  await app?.close();
});

const trend = (path: string, token = admin) => ok(app, token, 'GET', `/api/trends/${path}`);
const withQuery = (path: string, query: string) => `${path}${path.includes('?') ? '&' : '?'}${query}`;
/** Every row of the read model's tables, but the cells the live projection brought back to all zero (a rebuild never writes them). */
async function trendTables(): Promise<Record<string, string[]>> {
  const { rows: tables } = await app.runtime.pool.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = 'rm_trends' order by 1`,
  );
  const out: Record<string, string[]> = {};
  for (const { name } of tables) {
    const { rows } = await app.runtime.pool.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(t) as row from rm_trends.${name} t order by to_jsonb(t)::text`,
    );
    out[name] = rows
      .map((r) => r.row)
      .filter((row) => name !== 'cells' || Object.entries(row).some(([k, v]) => /^c\d+$/.test(k) && v !== 0))
      .map((row) => JSON.stringify(row));
  }
  return out;
}
/** A stage distribution of the hand-built set: nobody beyond established. */
const stages = (nye: number | null, engaged: number | null, established: number | null) => ({
  'not-yet-engaged': nye,
  engaged,
  established,
  accomplished: 0,
  exemplary: 0,
});
/** Figures derived from counts: null when an input is hidden, but never named in `suppressed`. */
const DERIVED = [
  'activitiesPerWorker',
  'hoursPerWorker',
  'shareMeetingAll',
  'usingShareMovedUp',
  'notUsingShareMovedUp',
  'difference',
];
/**
 * Expected rows given their `suppressed` list: each count written null in the row, then each change
 * (the API names every hidden count, then every hidden change, in the row's order).
 */
function withSuppressed(rows: Record<string, unknown>[]): Record<string, unknown>[] {
  return rows.map((row) => {
    const hidden: string[] = [];
    for (const [key, value] of Object.entries(row)) {
      if (key === 'segment' || DERIVED.includes(key)) continue;
      if (value === null) hidden.push(key);
      else if (typeof value === 'object')
        for (const [part, v] of Object.entries(value as object)) if (v === null) hidden.push(`${key}.${part}`);
    }
    const isChange = (key: string) => /Change(\.|$)/.test(key);
    return { ...row, suppressed: [...hidden.filter((k) => !isChange(k)), ...hidden.filter(isChange)] };
  });
}
/** Rows without the years after 2025, which repeat 2025 with no change (checked separately). */
const upTo2025 = (rows: { year: number }[]) => rows.filter((r) => r.year <= 2025);

describe('GET /api/trends/adoption', () => {
  it('counts organisations, aware and using at each year end, with the changes', async () => {
    const { rows } = await trend('adoption');
    expect(upTo2025(rows)).toEqual(
      withSuppressed([
        {
          year: 2022,
          segment: {},
          organisations: 5,
          aware: 5,
          using: 0,
          organisationsChange: 5,
          awareChange: 5,
          usingChange: 0,
        },
        {
          year: 2023,
          segment: {},
          organisations: 11,
          aware: 10,
          using: 5,
          organisationsChange: 6,
          awareChange: 5,
          usingChange: 5,
        },
        {
          year: 2024,
          segment: {},
          organisations: 12,
          aware: 11,
          using: 10,
          organisationsChange: 1,
          awareChange: 1,
          usingChange: 5,
        },
        {
          year: 2025,
          segment: {},
          organisations: 12,
          aware: 11,
          using: 9,
          organisationsChange: 0,
          awareChange: 0,
          usingChange: -1,
        },
      ]),
    );
    // r2 has no fact before its registration this year.
    for (const row of rows.filter((r: { year: number }) => r.year > 2025))
      expect(row).toMatchObject({ organisations: row.year === HORIZON ? 13 : 12 });
  });

  it('by sector: small counts hidden and named, their changes too; zero shown', async () => {
    const { rows } = await trend('adoption?by=sector&to=2025');
    const of = (year: number, sector: string) =>
      rows.find((r: { year: number; segment: { sector: string } }) => r.year === year && r.segment.sector === sector);
    expect(rows.map((r: { year: number; segment: object }) => [r.year, r.segment])).toEqual(
      [2022, 2023, 2024, 2025].flatMap((year) =>
        ['private', 'public', 'voluntary'].map((sector) => [year, { sector }]),
      ),
    );
    expect(of(2022, 'private')).toEqual({
      year: 2022,
      segment: { sector: 'private' },
      organisations: 0,
      aware: 0,
      using: 0,
      organisationsChange: 0,
      awareChange: 0,
      usingChange: 0,
      suppressed: [],
    });
    expect(of(2023, 'private')).toEqual({
      year: 2023,
      segment: { sector: 'private' },
      organisations: null,
      aware: 0,
      using: 0,
      organisationsChange: null,
      awareChange: 0,
      usingChange: 0,
      suppressed: ['organisations', 'organisationsChange'],
    });
    expect(of(2024, 'voluntary')).toMatchObject({
      organisations: 6,
      aware: 6,
      using: 5,
      organisationsChange: 1,
      usingChange: 0,
    });
    expect(of(2025, 'public')).toEqual({
      year: 2025,
      segment: { sector: 'public' },
      organisations: 5,
      aware: 5,
      using: null,
      organisationsChange: 0,
      awareChange: 0,
      usingChange: null,
      suppressed: ['using', 'usingChange'],
    });
    expect(of(2024, 'public')).toMatchObject({ using: 5, usingChange: 5 });
  });

  it('filters combine; from and to bound the years', async () => {
    const { rows } = await trend('adoption?sector=public&region=Fife&from=2024&to=2024');
    expect(rows).toEqual(
      withSuppressed([
        {
          year: 2024,
          segment: {},
          organisations: 5,
          aware: 5,
          using: 5,
          organisationsChange: 0,
          awareChange: 0,
          usingChange: 5,
        },
      ]),
    );
    expect((await trend('adoption?sector=public&region=Highland&from=2024&to=2024')).rows[0]).toMatchObject({
      organisations: 0,
    });
    // Only the years with figures: from the first to the horizon, however wide the range asked.
    const years = (await trend(`personal-capabilities?capabilityId=${TEAMWORK}&by=region&from=1990&to=2100`)).rows.map(
      (r: { year: number }) => r.year,
    );
    expect([...new Set(years)]).toEqual([2022, 2023, 2024, 2025, ...LATER]);
    expect((await trend('adoption?from=2099&to=2100')).rows).toEqual([]);
  });

  it('every grain of cells gives the same figures: national, one, two, three and four dimensions named', async () => {
    // Every organisation here is small and cares at home, so naming those too changes nothing; the
    // national cells of up to two named dimensions are added up, three or four read the full grain.
    const strip = (rows: { segment: object }[]) => rows.map((r) => ({ ...r, segment: {} }));
    for (const path of [`personal-capabilities?capabilityId=${TEAMWORK}`, 'adoption', 'impact']) {
      const national = (await trend(path)).rows;
      expect((await trend(withQuery(path, 'serviceType=care%20at%20home'))).rows).toEqual(national);
      expect((await trend(withQuery(path, 'serviceType=care%20at%20home&sizeBand=small'))).rows).toEqual(national);
      const fife = (await trend(withQuery(path, 'region=Fife'))).rows;
      expect(fife).not.toEqual(national);
      expect((await trend(withQuery(path, 'region=Fife&serviceType=care%20at%20home&sizeBand=small'))).rows).toEqual(
        fife,
      );
      const bySector = (await trend(withQuery(path, 'by=sector&region=Fife'))).rows;
      const full = (await trend(withQuery(path, 'by=sector&region=Fife&serviceType=care%20at%20home&sizeBand=small')))
        .rows;
      expect(full).toEqual(bySector);
      expect(strip(bySector.filter((r: { segment: { sector: string } }) => r.segment.sector === 'public'))).toEqual(
        (await trend(withQuery(path, 'sector=public&region=Fife&serviceType=care%20at%20home'))).rows,
      );
    }
  });
});

describe('GET /api/trends/personal-capabilities', () => {
  it('per capability: members at the year end, their stages (backdated evidence in its own year) and movement', async () => {
    const { rows } = await trend(`personal-capabilities?capabilityId=${TEAMWORK}&to=2025`);
    expect(rows).toEqual(
      withSuppressed([
        {
          year: 2022,
          segment: {},
          capabilityId: TEAMWORK,
          workers: 7,
          stages: stages(null, null, 0),
          comparable: 0,
          up: 0,
          same: 0,
          down: 0,
          workersChange: 7,
          stagesChange: stages(null, null, 0),
          comparableChange: 0,
          upChange: 0,
          sameChange: 0,
          downChange: 0,
        },
        {
          year: 2023,
          segment: {},
          capabilityId: TEAMWORK,
          workers: 14,
          stages: stages(8, 6, 0),
          // The 7 members of 2022 are all still members: 5 up, 2 the same (hidden, and up with them).
          comparable: 7,
          up: null,
          same: null,
          down: 0,
          workersChange: 7,
          stagesChange: stages(null, null, 0),
          comparableChange: 7,
          upChange: null,
          sameChange: null,
          downChange: 0,
        },
        {
          year: 2024,
          segment: {},
          capabilityId: TEAMWORK,
          workers: 14,
          stages: stages(null, 6, null),
          comparable: 14,
          up: 6,
          same: 8,
          down: 0,
          workersChange: 0,
          stagesChange: stages(null, 0, null),
          comparableChange: 7,
          upChange: null,
          sameChange: null,
          downChange: 0,
        },
        {
          year: 2025,
          segment: {},
          capabilityId: TEAMWORK,
          workers: 14,
          stages: stages(6, null, null),
          // 12 the same, one up and one down: both 1 would follow from 14 = 12 + up + down, so same is hidden too.
          comparable: 14,
          up: null,
          same: null,
          down: null,
          workersChange: 0,
          stagesChange: stages(null, null, null),
          comparableChange: 0,
          upChange: null,
          sameChange: null,
          downChange: null,
        },
      ]),
    );
  });

  it('without capabilityId: a row per capability; the others are all not yet engaged', async () => {
    const { rows } = await trend('personal-capabilities?from=2023&to=2023');
    expect(rows.map((r: { capabilityId: string }) => r.capabilityId)).toEqual(personalCapabilities.map((c) => c.id));
    expect(rows.find((r: { capabilityId: string }) => r.capabilityId === 'pc.empathy')).toMatchObject({
      workers: 14,
      stages: { 'not-yet-engaged': 14, engaged: 0 },
      up: 0,
      same: 7,
    });
  });

  it('by role: the carers of v1, and the workers with no role', async () => {
    const { rows } = await trend(`personal-capabilities?capabilityId=${TEAMWORK}&by=role&from=2023&to=2023`);
    expect(rows.map((r: { segment: object; workers: number }) => [r.segment, r.workers])).toEqual([
      [{ role: null }, 8],
      [{ role: 'carer' }, 6],
    ]);
    expect(
      (await trend(`personal-capabilities?capabilityId=${TEAMWORK}&role=carer&from=2023&to=2023`)).rows[0],
    ).toMatchObject({ segment: {}, workers: 6, stages: { engaged: null, 'not-yet-engaged': null } });
  });
});

describe('GET /api/trends/role-fit', () => {
  it('workers with a role and those meeting all its stages, with secondary suppression', async () => {
    const { rows } = await trend('role-fit?to=2025');
    // Six workers with a role every year since 2022; who meets all its stages could be worked out from any split.
    const hidden = {
      meetingAll: null,
      notMeetingAll: null,
      shareMeetingAll: null,
      meetingAllChange: null,
      notMeetingAllChange: null,
    };
    expect(rows).toEqual(
      withSuppressed(
        [2022, 2023, 2024, 2025].map((year) => ({
          year,
          segment: {},
          workers: 6,
          workersChange: year === 2022 ? 6 : 0,
          ...hidden,
        })),
      ),
    );
  });
});

describe('GET /api/trends/organisational-capabilities', () => {
  it('organisations with a completed audit, their self-assessed stages and movement', async () => {
    const { rows } = await trend(`organisational-capabilities?capabilityId=${OC.id}&from=2023&to=2025`);
    expect(rows).toEqual(
      withSuppressed([
        {
          year: 2023,
          segment: {},
          capabilityId: OC.id,
          organisations: 5,
          stages: stages(0, 5, 0),
          comparable: 0,
          up: 0,
          same: 0,
          down: 0,
          organisationsChange: 5,
          stagesChange: stages(0, 5, 0),
          comparableChange: 0,
          upChange: 0,
          sameChange: 0,
          downChange: 0,
        },
        {
          year: 2024,
          segment: {},
          capabilityId: OC.id,
          organisations: 6,
          stages: stages(null, null, null),
          comparable: 5,
          up: null,
          same: null,
          down: null,
          organisationsChange: 1,
          stagesChange: stages(null, null, null),
          comparableChange: 5,
          upChange: null,
          sameChange: null,
          downChange: null,
        },
        {
          year: 2025,
          segment: {},
          capabilityId: OC.id,
          organisations: 6,
          stages: stages(null, null, null),
          comparable: 6,
          up: 0,
          same: 6,
          down: 0,
          organisationsChange: 0,
          stagesChange: stages(null, null, null),
          comparableChange: 1,
          upChange: null,
          sameChange: null,
          downChange: null,
        },
      ]),
    );
  });
});

describe('GET /api/trends/learning-volume', () => {
  it('activities, hours and feedback by source per year, and per worker', async () => {
    const { rows } = await trend('learning-volume?to=2025');
    const zero = { activities: 0, hours: 0, feedback: 0, feedbackBySource: { carer: 0, 'line-manager': 0 } };
    expect(rows[0]).toEqual({
      year: 2022,
      segment: {},
      workers: 7,
      ...zero,
      activitiesPerWorker: 0,
      hoursPerWorker: 0,
      workersChange: 7,
      activitiesChange: 0,
      hoursChange: 0,
      feedbackChange: 0,
      feedbackBySourceChange: { carer: 0, 'line-manager': 0 },
      suppressed: [],
    });
    expect(rows[1]).toMatchObject({
      year: 2023,
      workers: 14,
      activities: 6,
      hours: 12,
      feedback: 0,
      activitiesPerWorker: 0.43,
      hoursPerWorker: 0.86,
      activitiesChange: 6,
      hoursChange: 12,
      suppressed: [],
    });
    expect(rows[2]).toEqual({
      year: 2024,
      segment: {},
      workers: 14,
      activities: 0,
      hours: 0,
      feedback: 6,
      feedbackBySource: { carer: null, 'line-manager': null },
      activitiesPerWorker: 0,
      hoursPerWorker: 0,
      workersChange: 0,
      activitiesChange: -6,
      hoursChange: -12,
      feedbackChange: 6,
      feedbackBySourceChange: { carer: null, 'line-manager': null },
      suppressed: [
        'feedbackBySource.carer',
        'feedbackBySource.line-manager',
        'feedbackBySourceChange.carer',
        'feedbackBySourceChange.line-manager',
      ],
    });
    expect(rows[3]).toMatchObject({
      year: 2025,
      workers: 14,
      feedback: 0,
      feedbackChange: -6,
      feedbackBySourceChange: { carer: null, 'line-manager': null },
    });
  });

  it('a segment of fewer than 5 workers hides its learning figures with its count', async () => {
    const { rows } = await trend('learning-volume?sector=private&from=2023&to=2023');
    expect(rows[0]).toMatchObject({ workers: null, activities: null, hours: null, feedback: null });
  });
});

describe('GET /api/trends/impact', () => {
  it('movement of workers in organisations using the CLF at the previous year end against the others', async () => {
    const { rows } = await trend('impact?from=2023&to=2025');
    const hide = (...keys: string[]) => keys;
    expect(rows).toEqual(
      withSuppressed([
        {
          year: 2023,
          segment: {},
          usingWorkers: 0,
          usingMovedUp: 0,
          usingNotMovedUp: 0,
          notUsingWorkers: 7,
          notUsingMovedUp: null,
          notUsingNotMovedUp: null,
          usingShareMovedUp: null,
          notUsingShareMovedUp: null,
          difference: null,
          usingWorkersChange: 0,
          usingMovedUpChange: 0,
          usingNotMovedUpChange: 0,
          notUsingWorkersChange: 7,
          notUsingMovedUpChange: null,
          notUsingNotMovedUpChange: null,
          suppressed: hide(
            'notUsingMovedUp',
            'notUsingNotMovedUp',
            'notUsingMovedUpChange',
            'notUsingNotMovedUpChange',
          ),
        },
        {
          year: 2024,
          segment: {},
          usingWorkers: 7,
          usingMovedUp: null,
          usingNotMovedUp: null,
          notUsingWorkers: 7,
          notUsingMovedUp: null,
          notUsingNotMovedUp: null,
          usingShareMovedUp: null,
          notUsingShareMovedUp: null,
          difference: null,
          usingWorkersChange: 7,
          usingMovedUpChange: null,
          usingNotMovedUpChange: null,
          notUsingWorkersChange: 0,
          notUsingMovedUpChange: null,
          notUsingNotMovedUpChange: null,
          suppressed: hide(
            'usingMovedUp',
            'usingNotMovedUp',
            'notUsingMovedUp',
            'notUsingNotMovedUp',
            'usingMovedUpChange',
            'usingNotMovedUpChange',
            'notUsingMovedUpChange',
            'notUsingNotMovedUpChange',
          ),
        },
        {
          year: 2025,
          segment: {},
          usingWorkers: 12,
          usingMovedUp: null,
          usingNotMovedUp: null,
          notUsingWorkers: null,
          notUsingMovedUp: 0,
          notUsingNotMovedUp: null,
          usingShareMovedUp: null,
          notUsingShareMovedUp: null,
          difference: null,
          usingWorkersChange: 5,
          usingMovedUpChange: null,
          usingNotMovedUpChange: null,
          notUsingWorkersChange: null,
          notUsingMovedUpChange: null,
          notUsingNotMovedUpChange: null,
          suppressed: hide(
            'usingMovedUp',
            'usingNotMovedUp',
            'notUsingWorkers',
            'notUsingNotMovedUp',
            'usingMovedUpChange',
            'usingNotMovedUpChange',
            'notUsingWorkersChange',
            'notUsingMovedUpChange',
            'notUsingNotMovedUpChange',
          ),
        },
      ]),
    );
  });
});

describe('every trend', () => {
  const paths = [
    'adoption?by=sector',
    `organisational-capabilities?capabilityId=${OC.id}`,
    `personal-capabilities?capabilityId=${TEAMWORK}&by=role`,
    'learning-volume?by=region',
    'role-fit',
    'impact?by=sizeBand',
  ];

  it('the years after 2025 repeat 2025 with no change', async () => {
    if (LATER.length === 0) return;
    const { rows } = await trend(`personal-capabilities?capabilityId=${TEAMWORK}&from=2025`);
    const last = rows.at(-1);
    expect(last).toMatchObject({
      year: HORIZON,
      workers: 14,
      stages: { 'not-yet-engaged': 6 },
      up: 0,
      same: 14,
      down: 0,
      workersChange: 0,
    });
  });

  it('CSV (?format=csv or Accept: text/csv) holds the same rows as JSON', async () => {
    for (const path of paths) {
      const json = (await trend(path)).rows as Record<string, unknown>[];
      const csv = await fetch(`${app.baseUrl}/api/trends/${withQuery(path, 'format=csv')}`, {
        headers: { authorization: `Bearer ${admin}` },
      });
      expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
      const text = await csv.text();
      const viaAccept = await fetch(`${app.baseUrl}/api/trends/${path}`, {
        headers: { authorization: `Bearer ${admin}`, accept: 'text/csv' },
      });
      expect(await viaAccept.text()).toBe(text);
      const [header, ...lines] = text.trimEnd().split('\r\n');
      const columns = header!.split(',');
      expect(lines).toHaveLength(json.length);
      lines.forEach((line, i) => {
        const cells = Object.fromEntries(line.split(',').map((value, c) => [columns[c], value]));
        expect(cells).toEqual(flatten(json[i]!));
      });
    }
  });

  it('a rebuild of the projection (facts replayed, snapshots settled once) gives the same answers and tables', async () => {
    const before = await Promise.all(paths.map((p) => trend(p)));
    const tablesBefore = await trendTables();
    await rebuildProjection({
      pool: app.runtime.pool,
      store: app.runtime.store,
      projection: app.runtime.projections.find((p) => p.name === 'trends')!,
    });
    expect(await Promise.all(paths.map((p) => trend(p)))).toEqual(before);
    expect(await trendTables()).toEqual(tablesBefore);
  });

  it('access: evaluators and admins read national figures; a learning lead their own organisation; workers and managers 403 with no data', async () => {
    const evaluator = await createUser(app, 'eval@trends.example.gov.scot', [{ kind: 'evaluator' }]);
    const lead = await createUser(app, 'lead@v1.example.org', [{ kind: 'learning-lead', organisationId: 'v1' }]);
    const worker = await createUser(app, 'w1@v1.example.org', [{ kind: 'worker', workerId: workers.w1 }]);
    const manager = await createUser(app, 'manager@v1.example.org', [
      { kind: 'line-manager', organisationId: 'v1', workerIds: [workers.w1] },
    ]);
    for (const path of paths) expect(await trend(path, evaluator)).toEqual(await trend(path));
    const own = (await trend('personal-capabilities?capabilityId=pc.teamwork&from=2023&to=2023', lead)).rows[0];
    expect(own).toMatchObject({ workers: 6, stages: { engaged: null, 'not-yet-engaged': null } });
    expect((await trend('adoption?from=2023&to=2023', lead)).rows[0]).toMatchObject({
      organisations: null,
      aware: null,
      using: null,
    });
    expect((await api(app, lead, 'GET', '/api/trends/adoption?organisationId=p1')).status).toBe(403);
    for (const token of [worker, manager]) {
      for (const path of paths) {
        const denied = await api(app, token, 'GET', `/api/trends/${path}`);
        expect(denied.status).toBe(403);
        expect(denied.text).not.toMatch(/rows|year/);
      }
    }
    expect((await api(app, undefined, 'GET', '/api/trends/adoption')).status).toBe(401);
  });

  it('bad parameters are 400s naming the parameter', async () => {
    const cases: [string, string][] = [
      ['adoption?by=role', 'by'],
      ['adoption?by=colour', 'by'],
      ['adoption?role=carer', 'role'],
      ['adoption?from=22', 'from'],
      ['adoption?from=2025&to=2024', 'from'],
      ['adoption?sector=charity', 'sector'],
      ['adoption?sizeBand=huge', 'sizeBand'],
      ['adoption?capabilityId=pc.teamwork', 'capabilityId'],
      [`personal-capabilities?capabilityId=${OC.id}`, 'capabilityId'],
      ['personal-capabilities?by=region', 'capabilityId'],
      ['organisational-capabilities?by=sector&region=Fife', 'capabilityId'],
      ['adoption?format=xml', 'format'],
      ['adoption?colour=red', 'colour'],
      ['adoption?sector=public&sector=private', 'sector'],
      ['popularity', 'trend'],
    ];
    for (const [path, field] of cases) {
      const response = await api(app, admin, 'GET', `/api/trends/${path}`);
      expect(response.status, path).toBe(400);
      expect(response.body.detail, path).toMatch(new RegExp(`^${field}: `));
    }
  });

  it('voided evidence stops counting from the day it is voided: earlier year ends keep it (runs last: it changes the data)', async () => {
    const path = `personal-capabilities?capabilityId=${TEAMWORK}&from=2025&to=${HORIZON}`;
    const before = (await trend(path)).rows;
    await ok(app, admin, 'DELETE', `/api/workers/${workers.w12}/evidence/${w12Established[0]}`);
    await waitForProjections(app.runtime, 90_000); // generous: the suite shares 2 cores
    const after = (await trend(path)).rows;
    expect(after[0]).toEqual(before[0]);
    // This year w12 is back to engaged: 6 not yet engaged, 5 engaged, 3 established (hidden, and engaged with it),
    // one down (hidden, and the 13 the same with it).
    expect(after.at(-1)).toMatchObject({
      year: HORIZON,
      workers: 14,
      stages: { 'not-yet-engaged': 6, engaged: null, established: null },
      comparable: 14,
      up: 0,
      same: null,
      down: null,
    });
  });

  it("a self-assessment voided before its cycle completes does not count in the cycle's stages (runs late: it adds organisations)", async () => {
    // Ten organisations of their own region send their engaged indicators through their audit tool; five void one first.
    const engaged = OC.stages.find((s) => s.stage === 'engaged')!.organisationIndicators;
    for (let n = 1; n <= 10; n++) {
      const organisationId = `x${n}`;
      await ok(app, admin, 'POST', '/api/organisations', {
        ...org(organisationId, 'private', 'Orkney'),
        sizeBand: 'large',
      });
      const client = await ok(app, admin, 'POST', '/api/admin/lrs-clients', {
        name: `Audit tool of ${organisationId}`,
        organisationId,
        scopes: ['all'],
      });
      const tool = `Basic ${Buffer.from(`${client.key}:${client.secret}`).toString('base64')}`;
      const { id: auditId } = await ok(app, admin, 'POST', `/api/organisations/${organisationId}/audits`, {
        startedOn: '2025-03-01',
      });
      const statements = engaged.map((indicator) => ({
        id: randomUUID(),
        actor: { objectType: 'Agent', mbox: `mailto:lead@${organisationId}.example.org` },
        verb: { id: VERBS.selfAssessed },
        object: { id: indicator.iri, definition: { type: T.indicator } },
        result: { success: true, response: 'minutes' },
        context: { registration: auditId, extensions: { [X.organisation]: organisationId } },
        timestamp: '2025-03-02T10:00:00Z',
      }));
      const voiding =
        n > 5
          ? [
              {
                id: randomUUID(),
                actor: statements[0]!.actor,
                verb: { id: VOIDED },
                object: { objectType: 'StatementRef', id: statements[0]!.id },
              },
            ]
          : [];
      for (const batch of [statements, voiding].filter((b) => b.length > 0)) {
        const sent = await fetch(`${app.baseUrl}/xapi/statements`, {
          method: 'POST',
          headers: { authorization: tool, 'x-experience-api-version': '2.0.0', 'content-type': 'application/json' },
          body: JSON.stringify(batch),
        });
        expect(sent.status, await sent.text()).toBe(200);
        await waitForProjections(app.runtime, 90_000);
      }
      await ok(app, admin, 'POST', `/api/organisations/${organisationId}/audits/${auditId}/complete`, {
        completedOn: '2025-04-01',
      });
    }
    await waitForProjections(app.runtime, 90_000); // generous: the suite shares 2 cores
    const { rows } = await trend(`organisational-capabilities?capabilityId=${OC.id}&region=Orkney&from=2025&to=2025`);
    expect(rows[0]).toMatchObject({ year: 2025, organisations: 10, stages: { 'not-yet-engaged': 5, engaged: 5 } });
  });

  it('is documented in OpenAPI', async () => {
    const document = await ok(app, undefined, 'GET', '/api/docs/openapi.json');
    expect(document.paths['/api/trends/{trend}'].get.parameters.map((p: { name: string }) => p.name)).toEqual(
      expect.arrayContaining([
        'trend',
        'from',
        'to',
        'by',
        'sector',
        'region',
        'serviceType',
        'sizeBand',
        'role',
        'capabilityId',
        'format',
      ]),
    );
  });
});

/** A JSON row as its CSV cells: nested keys joined with dots, null as empty, lists space-separated. */
function flatten(row: Record<string, unknown>, prefix = '', out: Record<string, string> = {}): Record<string, string> {
  for (const [key, value] of Object.entries(row)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (value !== null && typeof value === 'object' && !Array.isArray(value))
      flatten(value as Record<string, unknown>, name, out);
    else out[name] = value === null ? '' : Array.isArray(value) ? value.join(' ') : String(value);
  }
  return out;
}
