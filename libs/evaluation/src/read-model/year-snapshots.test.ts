import { describe, expect, it } from 'vitest';
import { FIRST_TREND_YEAR, organisationYears, workerYears, type OrganisationFacts } from './year-snapshots.js';

const org: OrganisationFacts = {
  id: 'org-a',
  segment: { sector: 'voluntary', region: 'Fife', serviceType: 'care at home', sizeBand: 'small' },
  firstOn: '0001-01-01',
  adoption: [{ status: 'aware', effectiveOn: '0001-06-01' }],
  audits: [],
};

describe('years before the first a trend may ask for', () => {
  it('are not snapshots: a date of 0001-01-01 starts them the year before FIRST_TREND_YEAR', () => {
    const years = organisationYears(org, 2026);
    expect(years[0]).toMatchObject({ year: FIRST_TREND_YEAR - 1, aware: true });
    expect(years).toHaveLength(2026 - FIRST_TREND_YEAR + 2);
    const context = { horizon: 2026, organisations: new Map([[org.id, org]]), roles: new Map() };
    const worker = workerYears(
      {
        id: 'w',
        memberships: [{ organisationId: 'org-a', from: '0001-01-01', to: null }],
        roles: [],
        judgements: [],
        learning: [],
      },
      context,
    );
    expect(worker.map((y) => y.year)).toEqual(organisationYears(org, 2026).map((y) => y.year));
    expect(worker[0]!.member).toMatchObject({ organisationId: 'org-a' });
  });

  it('leaves later first years as they are', () => {
    expect(organisationYears({ ...org, firstOn: '2023-05-01' }, 2026).map((y) => y.year)).toEqual([
      2023, 2024, 2025, 2026,
    ]);
  });
});
