import { randomUUID } from 'node:crypto';
import fc from 'fast-check';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { RecordedEvent } from '#libs/event-store';
import { ADOPTION_EVENTS, AUDIT_CYCLE_EVENTS as CYCLE } from '#libs/audit';
import { findCapability, indicatorsAt, organisationalCapabilities, type StageName } from '#libs/framework';
import { WORKFORCE_EVENTS as EV } from '#libs/workforce';
import { createTestDatabase, type TestDatabase } from '../../../../test/support/database.js';
import { trendsProjection, trendsProjectionWith } from './trends.projection.js';

/**
 * A rebuild (facts replayed, snapshots settled once) and the live path (each batch recomputed) give the
 * same read model, however the log is cut into batches and however small a refresh's rounds: random small histories of organisations,
 * adoption, audits, memberships, roles, evidence (accepted, withdrawn) and merges, applied one event
 * per batch, in random batches, and replayed then settled.
 */
let db: TestDatabase;
beforeAll(async () => {
  db = await createTestDatabase(4);
});
afterAll(async () => {
  await db?.drop();
});

const ORGANISATIONS = ['o1', 'o2', 'o3'];
const WORKERS = ['w1', 'w2', 'w3', 'w4'];
const ROLES = ['r1', 'r2'];
const SEGMENTS = [
  { sector: 'public', region: 'Fife', serviceType: 'care at home', sizeBand: 'small' },
  { sector: 'voluntary', region: 'Highland', serviceType: 'care home', sizeBand: 'large' },
];
const PERSONAL = (['engaged', 'established'] as StageName[]).flatMap((stage) =>
  ['pc.teamwork', 'pc.empathy'].flatMap((capabilityId) =>
    indicatorsAt(findCapability(capabilityId)!, stage).map((i) => ({ indicatorId: i.id, capabilityId })),
  ),
);
const OC = organisationalCapabilities[0]!;
const ORGANISATIONAL = OC.stages.flatMap((s) => s.organisationIndicators.map((i) => i.id)).slice(0, 6);
const day = (n: number) => new Date(Date.UTC(2022, 0, 1) + (n % 1400) * 86_400_000).toISOString().slice(0, 10);

/** One step of a history: what it does (kind) and three choices it picks its arguments with. */
type Step = [kind: number, a: number, b: number, c: number];

/** Turns random steps into a history the write side could have recorded (no leaving an organisation one is not in, no change to a completed audit). */
function history(steps: readonly Step[]): { type: string; data: Record<string, unknown>; occurredAt: string }[] {
  const out: { type: string; data: Record<string, unknown>; occurredAt: string }[] = [];
  const at = (i: number) => `${day(i)}T10:00:00.000Z`;
  for (const [i, id] of ORGANISATIONS.entries())
    out.push({
      type: EV.organisationRegistered,
      data: { organisationId: id, name: id, ...SEGMENTS[i % 2]! },
      occurredAt: at(400 + i * 90),
    });
  for (const [i, id] of ROLES.entries())
    out.push({
      type: EV.jobRoleDefined,
      data: {
        roleId: id,
        organisationId: ORGANISATIONS[i]!,
        name: `role ${id}`,
        requirements: [{ capabilityId: 'pc.teamwork', stage: 'engaged' }],
        qualifications: [],
        training: [],
      },
      occurredAt: at(0),
    });
  const members = new Set<string>();
  const holders = new Set<string>();
  const records: { organisationId: string; statementId: string; workerId: string }[] = [];
  const audits: { auditId: string; organisationId: string; completed: boolean }[] = [];
  for (const [kind, a, b, c] of steps) {
    const worker = WORKERS[a % WORKERS.length]!;
    const organisationId = ORGANISATIONS[b % ORGANISATIONS.length]!;
    const push = (type: string, data: Record<string, unknown>) => out.push({ type, data, occurredAt: at(c) });
    switch (kind) {
      case 0:
        push(EV.organisationDetailsChanged, { organisationId, name: organisationId, ...SEGMENTS[c % 2]! });
        break;
      case 1:
        push(ADOPTION_EVENTS.recorded, {
          organisationId,
          status: ['aware', 'using', 'stopped'][c % 3],
          effectiveOn: day(c),
        });
        break;
      case 2:
        if (members.has(`${worker} ${organisationId}`)) {
          push(EV.workerLeftOrganisation, { workerId: worker, organisationId, to: day(c) });
          members.delete(`${worker} ${organisationId}`);
        } else {
          push(EV.workerJoinedOrganisation, { workerId: worker, organisationId, from: day(c) });
          members.add(`${worker} ${organisationId}`);
        }
        break;
      case 3: {
        const roleId = ROLES[b % ROLES.length]!;
        if (holders.has(`${worker} ${roleId}`)) {
          push(EV.roleAssignmentEnded, { workerId: worker, roleId, to: day(c) });
          holders.delete(`${worker} ${roleId}`);
        } else {
          push(EV.roleAssigned, {
            workerId: worker,
            roleId,
            organisationId: ORGANISATIONS[b % ROLES.length]!,
            from: day(c),
          });
          holders.add(`${worker} ${roleId}`);
        }
        break;
      }
      case 4:
      case 5:
      case 6: {
        const statementId = randomUUID();
        const indicator = kind === 4 ? { ...PERSONAL[c % PERSONAL.length]!, evidenced: c % 5 !== 0 } : undefined;
        push(EV.evidenceRecorded, {
          workerId: worker,
          organisationId,
          statementId,
          kind: indicator ? 'assessment' : kind === 5 ? 'learning-activity' : 'feedback',
          occurredAt: at(c * 7),
          storedAt: at(c * 7 + 3),
          capabilityIds: [],
          indicatorIds: [],
          details: {},
          ...(indicator ? { indicator } : {}),
          ...(kind === 5 ? { durationSeconds: 900 * (1 + (c % 8)) } : {}),
          ...(kind === 6 ? { source: ['line-manager', 'carer'][c % 2] } : {}),
          ...(c % 4 === 0 ? { pending: true } : {}),
        });
        records.push({ organisationId, statementId, workerId: worker });
        break;
      }
      case 7: {
        const record = records[c % Math.max(records.length, 1)];
        if (!record) break;
        if (a % 2 === 0) push(EV.evidenceAccepted, record);
        else push(EV.evidenceWithdrawn, { ...record, withdrawnAt: at(c * 7 + 20) });
        break;
      }
      case 8: {
        const open = audits.filter((x) => !x.completed);
        const audit = open[c % Math.max(open.length, 1)];
        if (!audit || a % 4 === 0) {
          const auditId = randomUUID();
          audits.push({ auditId, organisationId, completed: false });
          push(CYCLE.opened, { auditId, organisationId });
        } else if (a % 4 === 1) {
          audit.completed = true;
          push(CYCLE.completed, { auditId: audit.auditId, organisationId: audit.organisationId, completedOn: day(c) });
        } else {
          const indicatorId = ORGANISATIONAL[b % ORGANISATIONAL.length]!;
          push(
            a % 4 === 2 ? CYCLE.indicatorSelfAssessed : CYCLE.selfAssessmentWithdrawn,
            a % 4 === 2
              ? { auditId: audit.auditId, indicatorId, achieved: c % 3 !== 0 }
              : { auditId: audit.auditId, indicatorId, standing: c % 2 === 0 ? null : { achieved: true } },
          );
        }
        break;
      }
      case 9:
        if (a % 3 === 0 && worker !== WORKERS[0])
          push(EV.workerMerged, { workerId: worker, intoWorkerId: WORKERS[0], identifier: { mbox: 'mailto:x@y.z' } });
        break;
    }
  }
  return out;
}

/** The history as the log records it: positions in order, recorded in 2024 and then 2025 (the horizon moves once). */
function recorded(events: ReturnType<typeof history>): RecordedEvent[] {
  return events.map((e, i) => ({
    streamId: `s-${i}`,
    revision: 0n,
    position: { commit: BigInt(i + 1), prepare: BigInt(i + 1) },
    type: e.type,
    version: 1,
    data: e.data,
    metadata: { eventId: randomUUID(), occurredAt: e.occurredAt },
    recordedAt: i < events.length / 2 ? '2024-11-01T00:00:00.000Z' : '2025-03-01T00:00:00.000Z',
  }));
}

/** Cuts the log into consecutive batches at the given sizes (repeated). */
function batches(events: readonly RecordedEvent[], sizes: readonly number[]): RecordedEvent[][] {
  const out: RecordedEvent[][] = [];
  for (let i = 0, n = 0; i < events.length; n++) {
    const size = sizes[n % sizes.length]!;
    out.push(events.slice(i, i + size));
    i += size;
  }
  return out;
}

let schemas = 0;
/** Rounds of one worker, written after every contribution: a refresh and a settle go through all their rounds' paths. */
const oneWorkerRounds = trendsProjectionWith({ workers: 1, gatheredCells: 0 });

async function build(
  events: readonly RecordedEvent[],
  sizes: readonly number[],
  replaying: boolean,
  projection = trendsProjection,
) {
  const schema = `trends_property_${++schemas}`;
  const client = await db.pool.connect();
  try {
    await client.query(`create schema ${schema}`);
    await projection.createTables(client, schema, undefined as never);
    for (const batch of batches(events, sizes)) {
      await client.query('begin');
      await projection.apply(batch, {
        client,
        schema,
        store: undefined as never,
        ...(replaying ? { replaying } : {}),
      });
      await client.query('commit');
    }
    if (replaying) await projection.settle!({ client, schema, store: undefined as never });
    return await tables(client, schema);
  } finally {
    await client.query('rollback');
    await client.query(`drop schema ${schema} cascade`);
    client.release();
  }
}

/**
 * The national cells the live and rebuilt paths should both hold, added up here, apart from the SQL
 * that writes them: every organisation's own cells (full grain) rolled up into every national grain
 * (at most two dimensions kept, or all four), role by role. Values rounded, cells all zero left out.
 */
const CELL_DIMENSIONS = ['sector', 'region', 'service_type', 'size_band'] as const;
const NATIONAL_GRAINS = [...Array(16).keys()].filter(
  (g) => g === 15 || CELL_DIMENSIONS.filter((_, i) => g & (1 << i)).length <= 2,
);
type CellRow = Record<string, unknown> & { wide: (number | null)[] };
const cellValues = (row: CellRow) => [
  ...Object.keys(row)
    .filter((k) => /^c\d+$/.test(k))
    .sort((a, b) => Number(a.slice(1)) - Number(b.slice(1)))
    .map((k) => row[k] as number),
  ...row.wide.map((v) => v ?? 0),
];
const cellKey = (row: Record<string, unknown>) =>
  JSON.stringify(['metric', 'role', 'grain', 'year', ...CELL_DIMENSIONS, 'item'].map((k) => row[k]));
function keptCells(cells: Map<string, number[]>): Record<string, number[]> {
  const out: Record<string, number[]> = {};
  for (const [key, values] of [...cells].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const rounded = values.map((v) => Math.round(v * 1e6) / 1e6 + 0);
    if (rounded.some((v) => v !== 0)) out[key] = rounded;
  }
  return out;
}
function nationalCells(rows: readonly string[]): Record<string, number[]> {
  const cells = new Map<string, number[]>();
  for (const row of rows.map((r) => JSON.parse(r) as CellRow).filter((r) => r.scope === '*'))
    cells.set(cellKey(row), cellValues(row));
  return keptCells(cells);
}
function rolledUp(rows: readonly string[]): Record<string, number[]> {
  const cells = new Map<string, number[]>();
  for (const row of rows.map((r) => JSON.parse(r) as CellRow).filter((r) => r.scope !== '*')) {
    expect(row.grain).toBe(15);
    for (const grain of NATIONAL_GRAINS) {
      const key = cellKey({
        ...row,
        grain,
        ...Object.fromEntries(CELL_DIMENSIONS.map((d, i) => [d, grain & (1 << i) ? row[d] : '*'])),
      });
      const values = cellValues(row);
      const sum = cells.get(key) ?? [];
      cells.set(
        key,
        values.map((v, i) => (sum[i] ?? 0) + v),
      );
    }
  }
  return keptCells(cells);
}

/** Every row of every table, but cells back to all zero (c0… and `wide`) and snapshots of workers with nothing (the live path keeps those, a rebuild never writes them). */
async function tables(client: import('pg').PoolClient, schema: string): Promise<Record<string, string[]>> {
  const { rows: names } = await client.query<{ name: string }>(
    `select tablename as name from pg_tables where schemaname = $1 order by 1`,
    [schema],
  );
  const out: Record<string, string[]> = {};
  for (const { name } of names) {
    const { rows } = await client.query<{ row: Record<string, unknown> }>(
      `select to_jsonb(t) as row from ${schema}.${name} t order by to_jsonb(t)::text`,
    );
    out[name] = rows
      .map((r) => r.row)
      .filter(
        (row) =>
          name !== 'cells' ||
          [
            ...Object.entries(row)
              .filter(([k]) => /^c\d+$/.test(k))
              .map(([, v]) => v),
            ...(row.wide as number[]),
          ].some((v) => v !== 0),
      )
      .filter((row) => name !== 'worker_snapshots' || (row.years as unknown[]).length > 0)
      .map((row) => JSON.stringify(row));
  }
  return out;
}

describe('the trends read model', () => {
  it('is the same rebuilt as applied live, one event at a time or in batches of any size', async () => {
    await fc.assert(
      fc.asyncProperty(
        fc.array(fc.tuple(fc.nat(9), fc.nat(100), fc.nat(100), fc.nat(1400)), { minLength: 10, maxLength: 30 }),
        fc.array(fc.integer({ min: 1, max: 12 }), { minLength: 1, maxLength: 5 }),
        async (steps, sizes) => {
          const log = recorded(history(steps as Step[]));
          const oneByOne = await build(log, [1], false);
          expect(nationalCells(oneByOne.cells!)).toEqual(rolledUp(oneByOne.cells!));
          expect(await build(log, sizes, false, oneWorkerRounds)).toEqual(oneByOne);
          expect(await build(log, sizes, true)).toEqual(oneByOne);
          expect(await build(log, sizes, true, oneWorkerRounds)).toEqual(oneByOne);
        },
      ),
      // A failure is shrunk for at most four minutes, so it is reported rather than timed out under a loaded CI.
      { numRuns: 20, interruptAfterTimeLimit: 240_000 },
    );
  }, 600_000);
});

describe('a job role named like the all-roles cells', () => {
  it("counts its holder once under all roles (a role's name is free text: '*' is allowed)", async () => {
    const at = (date: string) => `${date}T10:00:00.000Z`;
    const log = recorded([
      {
        type: EV.organisationRegistered,
        data: { organisationId: 'o1', name: 'o1', ...SEGMENTS[0]! },
        occurredAt: at('2022-01-01'),
      },
      {
        type: EV.jobRoleDefined,
        data: { roleId: 'r1', organisationId: 'o1', name: '*', requirements: [], qualifications: [], training: [] },
        occurredAt: at('2022-01-01'),
      },
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: 'w1', organisationId: 'o1', from: '2022-02-01' },
        occurredAt: at('2022-02-01'),
      },
      {
        type: EV.workerJoinedOrganisation,
        data: { workerId: 'w2', organisationId: 'o1', from: '2022-02-01' },
        occurredAt: at('2022-02-01'),
      },
      {
        type: EV.roleAssigned,
        data: { workerId: 'w1', roleId: 'r1', organisationId: 'o1', from: '2022-02-01' },
        occurredAt: at('2022-02-01'),
      },
    ]);
    const members = async (replaying: boolean) => {
      const cells = (await build(log, [100], replaying)).cells!.map((r) => JSON.parse(r) as CellRow);
      return cells
        .filter((c) => c.metric === 'learning-volume' && c.scope === 'o1' && c.role === '*' && c.year === 2022)
        .map((c) => c.c0);
    };
    // Two members: the all-roles cell counts both, once each.
    expect(await members(false)).toEqual([2]);
    expect(await members(true)).toEqual([2]);
  });
});
