import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { personalCapabilities, stageReached } from '#libs/framework';
import { generatePlan, recordsOf, stageRank, windowsIn, type GenerateOptions, type Plan } from './plan.js';
import { COUNCIL_AREAS } from './scotland.js';

const small = fc.record({
  organisations: fc.integer({ min: 1, max: 12 }),
  workers: fc.integer({ min: 1, max: 60 }),
  years: fc.integer({ min: 1, max: 5 }),
  seed: fc.stringMatching(/^[a-z0-9]{1,8}$/),
  until: fc
    .date({ min: new Date('2015-01-01'), max: new Date('2026-12-31'), noInvalidDate: true })
    .map((d) => d.toISOString().slice(0, 10)),
});

const allRecords = (plan: Plan) => plan.workers.flatMap((w) => recordsOf(plan, w));

describe('generatePlan', () => {
  it('is a pure function of its options: the same seed gives the same plan and records', () => {
    fc.assert(
      fc.property(small, (options) => {
        const [a, b] = [generatePlan(options), generatePlan(options)];
        expect(b).toEqual(a);
        expect(allRecords(b)).toEqual(allRecords(a));
      }),
      { numRuns: 30 },
    );
  });

  it('gives another plan for another seed', () => {
    const options: GenerateOptions = { organisations: 5, workers: 40, years: 3, seed: 'one', until: '2025-06-30' };
    expect(generatePlan({ ...options, seed: 'two' }).workers).not.toEqual(generatePlan(options).workers);
  });

  it('dates every record within a membership of the organisation that sends it, and within the years', () => {
    fc.assert(
      fc.property(small, (options) => {
        const plan = generatePlan(options);
        for (const worker of plan.workers) {
          for (const record of recordsOf(plan, worker)) {
            const day = record.evidence.occurredAt.slice(0, 10);
            expect(day >= `${plan.firstYear}-01-01` && day <= options.until).toBe(true);
            const covering = worker.memberships.filter(
              (m) => m.organisationId === record.organisationId && m.from <= day && (m.to ?? options.until) >= day,
            );
            expect(covering.length).toBeGreaterThan(0);
          }
        }
      }),
      { numRuns: 30 },
    );
  });

  it('keeps careers consistent: memberships in date order, roles within them, a move always to another employer', () => {
    fc.assert(
      fc.property(small, (options) => {
        for (const worker of generatePlan(options).workers) {
          worker.memberships.forEach((m, i) => {
            if (m.to) expect(m.to >= m.from).toBe(true);
            expect(m.to === undefined || m.to <= options.until).toBe(true);
            expect(m.roles[0]?.from).toBe(m.from);
            for (const role of m.roles) expect(role.from >= m.from && role.from <= (m.to ?? options.until)).toBe(true);
            const next = worker.memberships[i + 1];
            if (next) {
              expect(m.to).toBeDefined();
              expect(next.from > m.to!).toBe(true);
              expect(next.organisationId).not.toBe(m.organisationId);
            }
          });
        }
      }),
      { numRuns: 30 },
    );
  });

  it('orders each organisation adoption history by date, with awareness first, and audits only while using the CLF', () => {
    fc.assert(
      fc.property(small, (options) => {
        for (const organisation of generatePlan(options).organisations) {
          const dates = organisation.adoption.map((a) => a.date);
          expect([...dates].sort()).toEqual(dates);
          if (organisation.adoption.length) expect(organisation.adoption[0]!.status).toBe('aware');
          for (const audit of organisation.audits) {
            const status = organisation.adoption.filter((a) => a.date <= `${audit.year}-12-31`).at(-1)?.status;
            expect(status).toBe('using');
            if (audit.completedOn)
              expect(audit.completedOn >= audit.startedOn && audit.completedOn <= options.until).toBe(true);
          }
        }
      }),
      { numRuns: 30 },
    );
  });
});

describe('a national-shaped plan', () => {
  const plan = generatePlan({ organisations: 800, workers: 16_400, years: 4, seed: 'national', until: '2025-12-31' });
  const share = <T>(items: T[], test: (item: T) => boolean) => items.filter(test).length / items.length;

  it('has sectors in plausible proportions (by employers: private 45%, voluntary 40%, public 15%)', () => {
    expect(share(plan.organisations, (o) => o.sector === 'private')).toBeCloseTo(0.45, 1);
    expect(share(plan.organisations, (o) => o.sector === 'voluntary')).toBeCloseTo(0.4, 1);
    expect(share(plan.organisations, (o) => o.sector === 'public')).toBeCloseTo(0.15, 1);
  });

  it('spreads employers over the council areas by population: Glasgow the most, every area among 8,000', () => {
    const count = (region: string) => plan.organisations.filter((o) => o.region === region).length;
    expect(count('Glasgow City')).toBeGreaterThan(count('Orkney Islands') * 5);
    const national = generatePlan({ organisations: 8000, workers: 1, years: 1, seed: 'regions', until: '2025-12-31' });
    expect(new Set(national.organisations.map((o) => o.region))).toEqual(new Set(COUNCIL_AREAS.map(([area]) => area)));
  });

  it('has staff turnover: about one in nine leave a year, and some of them move to another employer', () => {
    const leavers = share(plan.workers, (w) => w.memberships.some((m) => m.to !== undefined));
    expect(leavers).toBeGreaterThan(0.2);
    expect(leavers).toBeLessThan(0.5);
    expect(share(plan.workers, (w) => w.memberships.length > 1)).toBeGreaterThan(0.08);
  });

  it('staggers adoption: more organisations aware at each year end than the one before', () => {
    const aware = (year: number) => share(plan.organisations, (o) => o.adoption.some((a) => a.date <= `${year}-12-31`));
    for (let year = plan.firstYear + 1; year <= plan.lastYear; year++)
      expect(aware(year)).toBeGreaterThan(aware(year - 1));
    expect(aware(plan.firstYear)).toBeGreaterThan(0.15);
    expect(aware(plan.lastYear)).toBeLessThan(0.95);
  });

  it('gives at least 10 records per worker-year on average, and every worker-year in post some', () => {
    const sample = plan.workers.slice(0, 2000);
    let records = 0;
    let workerYears = 0;
    for (const worker of sample) {
      const byYear = new Map<number, number>();
      for (const record of recordsOf(plan, worker))
        byYear.set(
          Number(record.evidence.occurredAt.slice(0, 4)),
          (byYear.get(Number(record.evidence.occurredAt.slice(0, 4))) ?? 0) + 1,
        );
      for (let year = plan.firstYear; year <= plan.lastYear; year++) {
        if (windowsIn(worker, year, plan.options.until).length === 0) continue;
        workerYears++;
        records += byYear.get(year) ?? 0;
        expect(byYear.get(year) ?? 0).toBeGreaterThanOrEqual(10);
      }
    }
    expect(records / workerYears).toBeGreaterThanOrEqual(10);
  });

  it("moves workers' stages mostly up and sometimes down, year on year", () => {
    const moves = { up: 0, same: 0, down: 0 };
    for (const worker of plan.workers.slice(0, 2000)) {
      const evidenced = new Map<string, Set<string>>();
      const stageAtYearEnd = new Map<string, number>();
      for (const record of recordsOf(plan, worker)) {
        if (record.evidence.kind !== 'assessment') continue;
        const capabilityId = record.evidence.indicatorId.split('.').slice(0, 2).join('.');
        const capability = personalCapabilities.find(
          (c) => record.evidence.kind === 'assessment' && c.id === capabilityId,
        )!;
        const set = evidenced.get(capability.id) ?? evidenced.set(capability.id, new Set()).get(capability.id)!;
        if (record.evidence.evidenced) set.add(record.evidence.indicatorId);
        else set.delete(record.evidence.indicatorId);
        const key = `${capability.id}/${record.evidence.occurredAt.slice(0, 4)}`;
        stageAtYearEnd.set(key, stageRank(stageReached(capability, set)));
      }
      for (const [key, stage] of stageAtYearEnd) {
        const [capabilityId, year] = key.split('/');
        const before = stageAtYearEnd.get(`${capabilityId}/${Number(year) - 1}`);
        if (before === undefined) continue;
        moves[stage > before ? 'up' : stage < before ? 'down' : 'same']++;
      }
    }
    const total = moves.up + moves.same + moves.down;
    expect(moves.up / total).toBeGreaterThan(0.3);
    expect(moves.up).toBeGreaterThan(moves.down * 2);
    expect(moves.down / total).toBeGreaterThan(0.05);
  });

  it("moves organisations' self-assessed stages mostly up and sometimes down between audits", () => {
    const moves = { up: 0, same: 0, down: 0 };
    for (const organisation of plan.organisations) {
      organisation.audits.slice(1).forEach((audit, i) => {
        for (const [capabilityId, stage] of Object.entries(audit.stages)) {
          const before = stageRank(organisation.audits[i]!.stages[capabilityId]!);
          moves[stageRank(stage) > before ? 'up' : stageRank(stage) < before ? 'down' : 'same']++;
        }
      });
    }
    expect(moves.up).toBeGreaterThan(moves.down * 2);
    expect(moves.down).toBeGreaterThan(0);
  });
});
