import { useLocation } from 'preact-iso/router';
import { useEffect, useMemo, useState } from 'preact/hooks';
import {
  actsFor,
  actsForSeveralOrganisations,
  mustNameTrendsOrganisation,
  ownTrendsOrganisations,
  readsNationalTrends,
  trendsOrganisation,
  type Reach,
} from '../../access';
import { apiBlob } from '../../api/client';
import { useFramework, useSegmentValues, useTrend } from '../../api/queries';
import type { Framework, TrendRow } from '../../api/types';
import { ChartCanvas } from '../../components/chart';
import { OrganisationChoice, useOrganisationName } from '../../components/organisation-choice';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded } from '../../components/status';
import { chartConfig, chartsOf, chartSummary, type ChartSpec } from './trend-charts';
import {
  changeText,
  columnsOf,
  csvFileName,
  DIMENSION_LABELS,
  dimensionsOf,
  figureText,
  isSuppressed,
  isTrend,
  KNOWN_VALUES,
  orderedRows,
  segmentText,
  shownYears,
  tableCaption,
  TREND_TEXT,
  trendQueryFrom,
  trendSearch,
  TRENDS,
  type Column,
  type Dimension,
  type Trend,
  type TrendQuery,
} from './trend-figures';

/**
 * The evaluator's dashboard: one of the six trends at a time, with its segment and filters in the
 * address (so a reload or a shared link shows the same figures), its charts, its table and the CSV of
 * exactly that query. No person is ever named: the API answers counts only.
 */
export function TrendsView({ trend, reach }: { trend: string; reach: Reach }) {
  const framework = useFramework();
  if (!isTrend(trend))
    return (
      <>
        <PageHeading title="Trends">Trends</PageHeading>
        <p role="alert">
          There is no trend "{trend}". <a href="/trends/adoption">Open the adoption trend</a>.
        </p>
      </>
    );
  return (
    <>
      <PageHeading title={TREND_TEXT[trend].title}>{TREND_TEXT[trend].title}</PageHeading>
      <p class="subtitle">{TREND_TEXT[trend].about} Counted at each 31 December.</p>
      <TrendTabs current={trend} />
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => <TrendDashboard trend={trend} framework={f} reach={reach} />}
      </Loaded>
    </>
  );
}

/** The tabs keep whose figures are read: a lead of several organisations stays with the one chosen. */
function TrendTabs({ current }: { current: Trend }) {
  const { query } = useLocation();
  const whose = query.organisationId ? `?${new URLSearchParams({ organisationId: query.organisationId })}` : '';
  return (
    <nav class="tabs" aria-label="Trends">
      <ul>
        {TRENDS.map((trend) => (
          <li key={trend}>
            <a href={`/trends/${trend}${whose}`} aria-current={trend === current ? 'page' : undefined}>
              {TREND_TEXT[trend].tab}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

const capabilityChoices = (trend: Trend, framework: Framework): { id: string; name: string }[] =>
  trend === 'organisational-capabilities'
    ? framework.organisationalCapabilities.map((c) => ({ id: c.id, name: `${c.number}. ${c.name}` }))
    : trend === 'personal-capabilities'
      ? framework.personalCapabilities.map((c) => ({ id: c.id, name: c.name }))
      : [];

/** Whose figures may be chosen: the organisations the reader acts for, and the national figures for who reads them. */
interface Whose {
  national: boolean;
  /** A platform admin finds one among every organisation. */
  searchable: boolean;
}

function TrendDashboard({ trend, framework, reach }: { trend: Trend; framework: Framework; reach: Reach }) {
  const location = useLocation();
  const capabilities = capabilityChoices(trend, framework);
  const query = trendQueryFrom(
    trend,
    location.query,
    capabilities.map((c) => c.id),
  );
  const search = trendSearch(query);
  // A reader of several organisations' figures reads one at a time: their first until they choose another.
  const unnamed = mustNameTrendsOrganisation(reach) && !query.organisationId;
  useEffect(() => {
    if (unnamed)
      location.route(
        `/trends/${trend}${trendSearch({ ...query, organisationId: ownTrendsOrganisations(reach)[0] })}`,
        true,
      );
  }, [unnamed]);
  const answer = useTrend(trend, search, !unnamed);
  const whose: Whose | undefined =
    actsForSeveralOrganisations(reach) || ownTrendsOrganisations(reach).length > 1
      ? { national: readsNationalTrends(reach), searchable: reach.platformAdmin }
      : undefined;
  const whoseName = useWhoseName(reach, trendsOrganisation(reach, query.organisationId));
  return (
    <>
      <TrendFilters
        key={`${trend}${search}`}
        query={query}
        capabilities={capabilities}
        whose={whose}
        onChange={(next) => location.route(`/trends/${trend}${trendSearch(next)}`)}
      />
      <div aria-busy={answer.isFetching}>
        <Loaded query={answer} what="the figures">
          {(data) => (
            <TrendFigures
              query={query}
              rows={data.rows}
              loadingNext={answer.isPlaceholderData}
              capabilityName={capabilities.find((c) => c.id === query.capabilityId)?.name}
              whoseName={whoseName}
            />
          )}
        </Loaded>
      </div>
    </>
  );
}

/**
 * Whose figures the line above the charts names: the national ones, or one organisation's by its name
 * (known to who may list it: a learning lead of it, a platform admin; else its id).
 */
function useWhoseName(reach: Reach, organisationId: string | undefined): string {
  const listable = organisationId !== undefined && actsFor(reach, organisationId);
  const name = useOrganisationName(organisationId, listable);
  if (!organisationId) return 'the national figures (every organisation)';
  return `the figures of ${name ?? organisationId}`;
}

/** Read on submit (not controlled), as the timeline's filters: the address is the state. */
function TrendFilters({
  query,
  capabilities,
  whose,
  onChange,
}: {
  query: TrendQuery;
  capabilities: { id: string; name: string }[];
  whose: Whose | undefined;
  onChange: (query: TrendQuery) => void;
}) {
  const dimensions = dimensionsOf(query.trend);
  function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => (form.get(name) as string | null)?.trim() || undefined;
    const filters: TrendQuery['filters'] = {};
    for (const dimension of dimensions) filters[dimension] = value(dimension);
    onChange({
      trend: query.trend,
      from: value('from'),
      to: value('to'),
      by: value('by') as Dimension | undefined,
      filters,
      capabilityId: value('capabilityId'),
      organisationId: whose ? value('organisationId') : query.organisationId,
    });
  }
  return (
    <form class="filters" onSubmit={submit} aria-label="Choose the figures">
      {whose ? (
        <OrganisationChoice
          id="trend-organisation"
          name="organisationId"
          label="Whose figures"
          chosen={query.organisationId}
          searchable={whose.searchable}
        >
          {whose.national ? <option value="">Every organisation (national)</option> : null}
        </OrganisationChoice>
      ) : null}
      {capabilities.length ? (
        <div class="field">
          <label for="trend-capability">Capability</label>
          <select id="trend-capability" name="capabilityId">
            {capabilities.map((c) => (
              <option key={c.id} value={c.id} selected={c.id === query.capabilityId}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
      ) : null}
      <div class="field field-year">
        <label for="trend-from">From year</label>
        <input
          id="trend-from"
          name="from"
          inputMode="numeric"
          pattern="[0-9]{4}"
          placeholder="first"
          defaultValue={query.from ?? ''}
          aria-describedby="trend-years-hint"
        />
      </div>
      <div class="field field-year">
        <label for="trend-to">To year</label>
        <input
          id="trend-to"
          name="to"
          inputMode="numeric"
          pattern="[0-9]{4}"
          placeholder="latest"
          defaultValue={query.to ?? ''}
          aria-describedby="trend-years-hint"
        />
      </div>
      <div class="field">
        <label for="trend-by">Segment by</label>
        <select id="trend-by" name="by">
          <option value="">No segments (all together)</option>
          {dimensions.map((d) => (
            <option key={d} value={d} selected={d === query.by}>
              {DIMENSION_LABELS[d]}
            </option>
          ))}
        </select>
      </div>
      {dimensions.map((d) => (
        <SegmentFilter key={d} dimension={d} value={query.filters[d]} organisationId={query.organisationId} />
      ))}
      <p id="trend-years-hint" class="hint filters-hint">
        Years as four digits; left empty, from the first year with more in it than the organisations or workers
        themselves, to the latest.
      </p>
      <div class="filter-actions">
        <button type="submit" class="button">
          Show figures
        </button>
        <button
          type="button"
          class="button-quiet"
          onClick={() =>
            onChange({
              trend: query.trend,
              filters: {},
              capabilityId: query.capabilityId,
              organisationId: query.organisationId,
            })
          }
        >
          Clear filters
        </button>
      </div>
    </form>
  );
}

const EVERY: Record<Dimension, string> = {
  sector: 'Every sector',
  region: 'Every region',
  serviceType: 'Every service type',
  sizeBand: 'Every size band',
  role: 'Every job role',
};

/** A filter on one segment: a choice of the values the figures hold (typed, while they are not known). */
function SegmentFilter({
  dimension,
  value,
  organisationId,
}: {
  dimension: Dimension;
  value: string | undefined;
  organisationId: string | undefined;
}) {
  const known = KNOWN_VALUES[dimension];
  const found = useSegmentValues(dimension, !known, organisationId);
  const values = known ?? found.data;
  const id = `trend-filter-${dimension}`;
  return (
    <div class="field">
      <label for={id}>{DIMENSION_LABELS[dimension]}</label>
      {values ? (
        <select id={id} name={dimension}>
          <option value="">{EVERY[dimension]}</option>
          {[...new Set([...values, ...(value ? [value] : [])])].map((v) => (
            <option key={v} value={v} selected={v === value}>
              {v}
            </option>
          ))}
        </select>
      ) : (
        <input id={id} name={dimension} defaultValue={value ?? ''} placeholder={EVERY[dimension].toLowerCase()} />
      )}
    </div>
  );
}

function TrendFigures({
  query,
  rows,
  loadingNext,
  capabilityName,
  whoseName,
}: {
  query: TrendQuery;
  rows: TrendRow[];
  /** "the national figures", "the figures of <the organisation's name>". */
  whoseName: string;
  /** The figures of the previous choice stay on screen while this one loads: no CSV of a choice not yet shown. */
  loadingNext: boolean;
  capabilityName: string | undefined;
}) {
  const columns = useMemo(() => columnsOf(query.trend, rows), [query.trend, rows]);
  const shown = useMemo(() => shownYears(query.from, rows, columns), [query.from, rows, columns]);
  const ordered = useMemo(() => orderedRows(shown.rows, query.by), [shown.rows, query.by]);
  // The CSV holds what the page shows: from the first year shown when earlier ones are left out.
  const csvQuery = shown.leftOut ? { ...query, from: String(shown.leftOut.to + 1) } : query;
  const charts = chartsOf(query.trend, columns);
  const suppressedCount = ordered.reduce((n, row) => n + columns.filter((c) => isSuppressed(row, c)).length, 0);
  const about = [
    capabilityName,
    query.by ? `by ${DIMENSION_LABELS[query.by].toLowerCase()}` : null,
    ...Object.entries(query.filters).map(([d, v]) => `${DIMENSION_LABELS[d as Dimension].toLowerCase()} ${v}`),
  ]
    .filter(Boolean)
    .join(', ');
  if (!rows.length) return <p role="status">No figures for this choice yet.</p>;
  return (
    <>
      <div class="card trend-summary">
        <p>
          <strong>
            {ordered.length} row{ordered.length === 1 ? '' : 's'}
          </strong>
          , {whoseName}
          {about ? `: ${about}` : ''} ({Math.min(...ordered.map((r) => r.year))} to{' '}
          {Math.max(...ordered.map((r) => r.year))}).{' '}
          {suppressedCount
            ? `${suppressedCount} figure${suppressedCount === 1 ? ' is' : 's are'} suppressed: counts from 1 to 4, and a second count where one could be worked out by subtraction. Zero is shown.`
            : 'No figure is suppressed.'}
        </p>
        {shown.leftOut ? <LeftOutYears {...shown.leftOut} /> : null}
        <CsvDownload query={csvQuery} disabled={loadingNext} />
      </div>
      {charts.map((spec) => (
        <TrendChart key={spec.id} spec={spec} rows={ordered} query={query} />
      ))}
      <TrendTable query={query} rows={ordered} columns={columns} />
    </>
  );
}

/** Years with nothing but the headcount in them, said in words, with the way to see them. */
function LeftOutYears({ from, to }: { from: number; to: number }) {
  const years = from === to ? `Year ${from} is` : `Years ${from} to ${to} are`;
  return (
    <p>
      {years} left out: {from === to ? 'it holds' : 'they hold'} nothing but the organisations or workers themselves
      (every other figure 0). To see {from === to ? 'it' : 'them'}, choose {from} as the From year.
    </p>
  );
}

function TrendChart({ spec, rows, query }: { spec: ChartSpec; rows: TrendRow[]; query: TrendQuery }) {
  const config = useMemo(() => chartConfig(spec, rows, query.by), [spec.id, rows, query.by]);
  const headingId = `chart-${spec.id}`;
  return (
    <section class="card" aria-labelledby={headingId}>
      <h2 id={headingId}>{spec.title}</h2>
      <ChartCanvas config={config} summary={chartSummary(spec, rows, query.by)} />
    </section>
  );
}

function Figure({ row, column }: { row: TrendRow; column: Column }) {
  const figure = figureText(row, column);
  const change = changeText(row, column);
  return (
    <td class={figure === 'suppressed' ? 'suppressed' : undefined}>
      {figure}
      {change ? <span class="change"> ({change})</span> : null}
    </td>
  );
}

function TrendTable({ query, rows, columns }: { query: TrendQuery; rows: TrendRow[]; columns: Column[] }) {
  return (
    <section aria-labelledby="trend-table-heading">
      <h2 id="trend-table-heading">Figures</h2>
      <ScrollTable label="Figures">
        <table class="table trend-table">
          <caption class="hint">{tableCaption(query.trend)}</caption>
          <thead>
            <tr>
              <th scope="col">Year</th>
              {query.by ? <th scope="col">{DIMENSION_LABELS[query.by]}</th> : null}
              {columns.map((c) => (
                <th key={c.key} scope="col">
                  {c.label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.map((row) => (
              <tr key={`${row.year}-${segmentText(row, query.by) ?? ''}`}>
                <th scope="row">{row.year}</th>
                {query.by ? <td>{segmentText(row, query.by)}</td> : null}
                {columns.map((c) => (
                  <Figure key={c.key} row={row} column={c} />
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </section>
  );
}

/** The CSV of the query on screen: the same parameters with `format=csv`, fetched with the session's token. */
function CsvDownload({ query, disabled }: { query: TrendQuery; disabled: boolean }) {
  const [state, setState] = useState<{ busy: boolean; error?: unknown }>({ busy: false });
  async function download() {
    setState({ busy: true });
    try {
      const blob = await apiBlob(`/api/trends/${query.trend}${trendSearch(query, { format: 'csv' })}`, 'text/csv');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = csvFileName(query);
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
      setState({ busy: false });
    } catch (error) {
      setState({ busy: false, error });
    }
  }
  return (
    <>
      <button type="button" class="button-secondary" onClick={() => void download()} disabled={state.busy || disabled}>
        Download CSV
      </button>
      <p class="hint">
        The figures of this page as the API gives them: a suppressed figure is an empty cell, named in the row's
        "suppressed" column.
      </p>
      {state.error ? <ErrorMessage error={state.error} title="The CSV was not downloaded" /> : null}
    </>
  );
}
