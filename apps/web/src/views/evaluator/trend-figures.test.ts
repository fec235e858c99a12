import { describe, expect, it } from 'vitest';
import type { TrendRow } from '../../api/types';
import { chartConfig, chartsOf } from './trend-charts';
import {
  changeText,
  columnsOf,
  tableCaption,
  csvFileName,
  figureText,
  orderedRows,
  shownYears,
  trendQueryFrom,
  trendSearch,
  type Column,
} from './trend-figures';

const column = (trend: Parameters<typeof columnsOf>[0], key: string, rows: TrendRow[] = []): Column =>
  columnsOf(trend, rows).find((c) => c.key === key)!;

describe('trend figures in words', () => {
  const privateRow: TrendRow = {
    year: 2025,
    segment: { sector: 'private' },
    organisations: null,
    aware: null,
    using: 0,
    organisationsChange: null,
    awareChange: null,
    usingChange: 0,
    suppressed: ['organisations', 'aware', 'organisationsChange', 'awareChange'],
  };

  it('says suppressed, never 0, for a hidden count; zero stays zero', () => {
    expect(figureText(privateRow, column('adoption', 'organisations'))).toBe('suppressed');
    expect(changeText(privateRow, column('adoption', 'organisations'))).toBeNull();
    expect(figureText(privateRow, column('adoption', 'using'))).toBe('0');
    expect(changeText(privateRow, column('adoption', 'using'))).toBe('no change');
  });

  it('says "change suppressed" when only the year before is hidden, and signs a change', () => {
    const row: TrendRow = {
      year: 2026,
      segment: {},
      organisations: 6,
      organisationsChange: null,
      using: 5,
      usingChange: 5,
      suppressed: ['organisationsChange'],
    };
    expect(changeText(row, column('adoption', 'organisations'))).toBe('change suppressed');
    expect(changeText(row, column('adoption', 'using'))).toBe('+5');
  });

  it('hides a share made of a hidden count (the API gives null), and says n/a for a share of nobody', () => {
    const share = column('role-fit', 'shareMeetingAll');
    const hidden: TrendRow = {
      year: 2025,
      segment: {},
      workers: 9,
      meetingAll: null,
      shareMeetingAll: null,
      suppressed: ['meetingAll', 'notMeetingAll'],
    };
    const nobody: TrendRow = {
      year: 2025,
      segment: {},
      workers: 0,
      meetingAll: 0,
      shareMeetingAll: null,
      suppressed: [],
    };
    const some: TrendRow = {
      year: 2025,
      segment: {},
      workers: 8,
      meetingAll: 5,
      shareMeetingAll: 0.625,
      suppressed: [],
    };
    expect([hidden, nobody, some].map((row) => figureText(row, share))).toEqual(['suppressed', 'n/a', '62.5%']);
  });

  it('reads nested stage counts by their flat names, as `suppressed` names them', () => {
    const row: TrendRow = {
      year: 2024,
      segment: {},
      capabilityId: 'pc.teamwork',
      workers: 12,
      stages: { 'not-yet-engaged': 7, engaged: null, established: null, accomplished: 0, exemplary: 0 },
      stagesChange: { 'not-yet-engaged': 2, engaged: null, established: null, accomplished: 0, exemplary: 0 },
      suppressed: ['stages.engaged', 'stages.established', 'stagesChange.engaged', 'stagesChange.established'],
    };
    const engaged = column('personal-capabilities', 'stages.engaged');
    const notYet = column('personal-capabilities', 'stages.not-yet-engaged');
    expect([figureText(row, engaged), figureText(row, notYet), changeText(row, notYet)]).toEqual([
      'suppressed',
      '7',
      '+2',
    ]);
  });

  it("shows movement's own total, comparable, before up, same and down, and its caption says what it counts", () => {
    const row: TrendRow = {
      year: 2025,
      segment: {},
      capabilityId: 'oc.1',
      organisations: 12,
      comparable: 9,
      up: 5,
      same: null,
      down: null,
      comparableChange: 3,
      suppressed: ['same', 'down'],
    };
    const keys = columnsOf('organisational-capabilities', []).map((c) => c.key);
    expect(keys.slice(keys.indexOf('comparable'))).toEqual(['comparable', 'up', 'same', 'down']);
    const comparable = column('organisational-capabilities', 'comparable');
    expect([figureText(row, comparable), changeText(row, comparable)]).toEqual(['9', '+3']);
    expect(figureText(row, column('organisational-capabilities', 'same'))).toBe('suppressed');
    expect(columnsOf('personal-capabilities', []).map((c) => c.key)).toContain('comparable');
    expect(tableCaption('organisational-capabilities')).toMatch(
      /^Comparable: the organisations with a completed self-audit at both year ends/,
    );
    expect(tableCaption('personal-capabilities')).toMatch(
      /^Comparable: the workers who were members .* at both year ends/,
    );
    expect(tableCaption('adoption')).not.toContain('Comparable');
    expect(tableCaption('adoption')).toContain('Suppressed: fewer than 5');
  });

  it('gives learning volume a column per feedback source found in the rows', () => {
    const row: TrendRow = {
      year: 2025,
      segment: {},
      feedbackBySource: { carer: 5, 'line-manager': null },
      suppressed: [],
    };
    expect(
      columnsOf('learning-volume', [row])
        .filter((c) => c.key.startsWith('feedbackBySource.'))
        .map((c) => c.label),
    ).toEqual(['Feedback: Carer', 'Feedback: Line manager']);
  });
});

describe('the query on screen', () => {
  it('keeps from the address only what applies to the trend, and defaults a capability trend to the first capability', () => {
    const address = { by: 'role', role: 'carer', sector: 'public', from: '2023', to: 'soon', capabilityId: 'pc.nope' };
    expect(trendQueryFrom('adoption', address, [])).toEqual({
      trend: 'adoption',
      from: '2023',
      to: undefined,
      by: undefined,
      filters: { sector: 'public' },
      capabilityId: undefined,
      organisationId: undefined,
    });
    expect(trendQueryFrom('personal-capabilities', address, ['pc.a', 'pc.b'])).toMatchObject({
      by: 'role',
      filters: { sector: 'public', role: 'carer' },
      capabilityId: 'pc.a',
    });
  });

  it('asks the API for the CSV with the same parameters as the JSON, and names the file after them', () => {
    const query = trendQueryFrom('adoption', { from: '2024', sector: 'public', by: 'region' }, []);
    expect(trendSearch(query)).toBe('?from=2024&by=region&sector=public');
    expect(trendSearch(query, { format: 'csv' })).toBe('?from=2024&by=region&sector=public&format=csv');
    expect(csvFileName(query)).toBe('adoption-by-region-sector-public-2024-latest.csv');
  });

  it('keeps the organisation whose figures are read (a lead of several organisations must name one)', () => {
    const query = trendQueryFrom('role-fit', { organisationId: 'demo-care-services', from: '2024' }, []);
    expect(trendSearch(query)).toBe('?from=2024&organisationId=demo-care-services');
    expect(csvFileName(query)).toBe('role-fit-demo-care-services-2024-latest.csv');
  });

  it("orders rows by segment, then year, so each segment's years read left to right", () => {
    const row = (year: number, sector: string): TrendRow => ({ year, segment: { sector }, suppressed: [] });
    const ordered = orderedRows(
      [row(2024, 'public'), row(2024, 'private'), row(2025, 'public'), row(2025, 'private')],
      'sector',
    );
    expect(ordered.map((r) => `${r.segment.sector} ${r.year}`)).toEqual([
      'private 2024',
      'private 2025',
      'public 2024',
      'public 2025',
    ]);
  });
});

describe('trend charts', () => {
  it('draws a suppressed figure as no bar (null), never as 0, and stacks stage distributions', () => {
    const rows: TrendRow[] = [
      { year: 2025, segment: {}, organisations: null, aware: null, using: 0, suppressed: ['organisations', 'aware'] },
      { year: 2026, segment: {}, organisations: 7, aware: 7, using: 5, suppressed: [] },
    ];
    const [spec] = chartsOf('adoption', columnsOf('adoption', rows));
    const config = chartConfig(spec!, rows, undefined);
    expect(config.data.datasets.map((d) => d.data)).toEqual([
      [null, 7],
      [null, 7],
      [0, 5],
    ]);
    const stages = chartsOf('personal-capabilities', columnsOf('personal-capabilities', []));
    expect(stages.map((s) => [s.id, s.stacked, s.columns.length])).toEqual([
      ['stages', true, 5],
      ['movement', true, 3],
    ]);
  });

  it('compares the shares moved up in percent for impact', () => {
    const rows: TrendRow[] = [
      { year: 2025, segment: {}, usingShareMovedUp: 0.4, notUsingShareMovedUp: 0.25, suppressed: [] },
    ];
    const [spec] = chartsOf('impact', columnsOf('impact', rows));
    expect(chartConfig(spec!, rows, undefined).data.datasets.map((d) => d.data)).toEqual([[40], [25]]);
  });
});

describe('the years a trend shows', () => {
  const adoption = (year: number, organisations: number | null, aware: number | null, using = 0): TrendRow => ({
    year,
    segment: {},
    organisations,
    aware,
    using,
    suppressed: [...(organisations === null ? ['organisations'] : []), ...(aware === null ? ['aware'] : [])],
  });
  const columns = columnsOf('adoption', []);

  it('starts at the first year with more than the headcount, a suppressed count included, and says which are left out', () => {
    const rows = [adoption(2005, null, 0), adoption(2006, null, 0), adoption(2023, null, null), adoption(2024, 6, 6)];
    const shown = shownYears(undefined, rows, columns);
    expect(shown.rows.map((r) => r.year)).toEqual([2023, 2024]);
    expect(shown.leftOut).toEqual({ from: 2005, to: 2022 });
  });

  it('shows every year asked for, and every year when nothing but the headcount is in any', () => {
    const rows = [adoption(2005, 6, 0), adoption(2024, 6, 6)];
    expect(shownYears('2005', rows, columns)).toEqual({ rows });
    const quiet = [adoption(2005, 6, 0), adoption(2006, 7, 0)];
    expect(shownYears(undefined, quiet, columns)).toEqual({ rows: quiet });
  });

  it('counts those not yet engaged, at the same stage or comparable as the headcount of a capability trend', () => {
    const worker = (year: number, engaged: number, up: number): TrendRow => ({
      year,
      segment: {},
      workers: 9,
      stages: { 'not-yet-engaged': 9 - engaged, engaged, established: 0, accomplished: 0, exemplary: 0 },
      comparable: 9,
      up,
      same: 9 - up,
      down: 0,
      suppressed: [],
    });
    const rows = [worker(2010, 0, 0), worker(2011, 0, 0), worker(2012, 5, 5)];
    expect(shownYears(undefined, rows, columnsOf('personal-capabilities', [])).leftOut).toEqual({
      from: 2010,
      to: 2011,
    });
  });
});
