import type { ChartConfiguration } from 'chart.js';
import { useLocation } from 'preact-iso/router';
import { useMemo, useState } from 'preact/hooks';
import { STAFF_PAGE_SIZE, useCapabilitySummary, useStaff } from '../../api/queries';
import { STAGES, type CapabilitySummary, type StaffMember } from '../../api/types';
import { ChartCanvas } from '../../components/chart';
import { PageHeading, ScrollTable } from '../../components/page';
import { Loaded } from '../../components/status';
import { STAGE_LABELS } from '../../labels';
import { formatDay, today } from './audit-parts';
import { OrganisationPicker, useOrganisationLabel } from './organisations';

/** Stages from grey to dark, each at least 3:1 against white (as the evaluator's stage charts). */
const STAGE_COLOURS = ['#64748b', '#0e7490', '#1d4ed8', '#6d28d9', '#9d174d'];

/**
 * The learning lead's view of their staff: where the workers stand on the 17 personal capabilities on a
 * date (a stacked bar per capability, and the same as a table), how many meet their role, and the list
 * of workers a page at a time, each a link to their record.
 */
export function StaffView({ organisationId }: { organisationId: string }) {
  const organisationName = useOrganisationLabel(organisationId);
  const location = useLocation();
  const asOf = /^\d{4}-\d{2}-\d{2}$/.test(location.query.asOf ?? '') ? location.query.asOf! : today();
  return (
    <>
      <PageHeading title="Staff">Staff</PageHeading>
      <p class="subtitle">
        The workers of {organisationName}, where they stand on the personal capabilities and whether they meet what
        their job role requires.
      </p>
      <OrganisationPicker organisationId={organisationId} page="staff" />
      <StandingSection
        key={asOf}
        organisationId={organisationId}
        asOf={asOf}
        onDate={(date) => location.route(`/organisations/${organisationId}/staff?asOf=${date}`)}
      />
      <StaffList organisationId={organisationId} />
    </>
  );
}

function StandingSection({
  organisationId,
  asOf,
  onDate,
}: {
  organisationId: string;
  asOf: string;
  onDate: (date: string) => void;
}) {
  const summary = useCapabilitySummary(organisationId, asOf);
  function submit(event: Event) {
    event.preventDefault();
    const date = new FormData(event.currentTarget as HTMLFormElement).get('asOf') as string;
    if (date) onDate(date);
  }
  return (
    <section aria-labelledby="standing-heading">
      <h2 id="standing-heading">Where the staff stand</h2>
      <form class="filters" onSubmit={submit} aria-label="Date of the figures">
        <div class="field">
          <label for="staff-as-of">As of (end of the day)</label>
          <input id="staff-as-of" name="asOf" type="date" defaultValue={asOf} required />
        </div>
        <div class="filter-actions">
          <button type="submit" class="button-secondary">
            Show that day
          </button>
        </div>
      </form>
      <div aria-busy={summary.isFetching}>
        <Loaded query={summary} what="the stage distribution">
          {(s) => <Standing summary={s} />}
        </Loaded>
      </div>
    </section>
  );
}

function Standing({ summary }: { summary: CapabilitySummary }) {
  const config = useMemo(() => distributionChart(summary), [summary]);
  const required = new Map(summary.roleFit.capabilities.map((c) => [c.capabilityId, c]));
  const { withRole, meetingAll } = summary.roleFit;
  if (!summary.workers) return <p>No worker belonged to the organisation on {formatDay(summary.asOf)}.</p>;
  return (
    <>
      <div class="card">
        <p class="big-figure">
          {summary.workers} worker{summary.workers === 1 ? '' : 's'} on {formatDay(summary.asOf)}
        </p>
        <p>
          Role fit: <strong>{meetingAll}</strong> of {withRole} worker{withRole === 1 ? '' : 's'} with a job role meet
          every stage it requires
          {summary.workers > withRole ? `; ${summary.workers - withRole} have no job role here` : ''}.
        </p>
      </div>
      <section class="card" aria-labelledby="distribution-heading">
        <h3 id="distribution-heading">Stage distribution per capability</h3>
        <ChartCanvas config={config} summary={distributionSummary(summary)} height={620} />
      </section>
      <ScrollTable label="Stage distribution per capability">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Capability</th>
              {STAGES.map((stage) => (
                <th key={stage} scope="col">
                  {STAGE_LABELS[stage]}
                </th>
              ))}
              <th scope="col">Required by their role: meeting it</th>
            </tr>
          </thead>
          <tbody>
            {summary.capabilities.map((c) => {
              const fit = required.get(c.capabilityId);
              return (
                <tr key={c.capabilityId}>
                  <th scope="row">{c.name}</th>
                  {STAGES.map((stage) => (
                    <td key={stage}>{c.stages[stage]}</td>
                  ))}
                  <td>{fit ? `${fit.meeting} of ${fit.required}` : 'no role requires it'}</td>
                </tr>
              );
            })}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/** Long capability names on two or three lines, so the bars keep their width on a phone. */
function wrapped(name: string, width = 24): string[] {
  const lines: string[] = [];
  for (const word of name.split(' ')) {
    const last = lines.at(-1);
    if (last !== undefined && `${last} ${word}`.length <= width) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines;
}

function distributionChart(summary: CapabilitySummary): ChartConfiguration<'bar'> {
  return {
    type: 'bar',
    data: {
      labels: summary.capabilities.map((c) => wrapped(c.name)),
      datasets: STAGES.map((stage, index) => ({
        label: STAGE_LABELS[stage],
        data: summary.capabilities.map((c) => c.stages[stage]),
        backgroundColor: STAGE_COLOURS[index],
        borderColor: '#ffffff',
        borderWidth: 1,
      })),
    },
    options: {
      indexAxis: 'y',
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: true, beginAtZero: true, ticks: { precision: 0 } },
        y: { stacked: true, ticks: { autoSkip: false, font: { size: 11 } } },
      },
      plugins: { legend: { position: 'bottom' } },
    },
  };
}

function distributionSummary(summary: CapabilitySummary): string {
  const atLeastEngaged = (c: CapabilitySummary['capabilities'][number]) =>
    summary.workers - c.stages['not-yet-engaged'];
  const ranked = [...summary.capabilities].sort((a, b) => atLeastEngaged(b) - atLeastEngaged(a));
  return `Stacked bars: how many of the ${summary.workers} workers stand at each stage on each of the ${summary.capabilities.length} personal capabilities. Most engaged or beyond: ${ranked[0]!.name} (${atLeastEngaged(ranked[0]!)}); fewest: ${ranked.at(-1)!.name} (${atLeastEngaged(ranked.at(-1)!)}). The table below gives every number.`;
}

/** The workers by id, a page at a time; the cursors of the pages seen make "previous" work without counting. */
function StaffList({ organisationId }: { organisationId: string }) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = useStaff(organisationId, cursors.at(-1));
  const pageNumber = cursors.length;
  return (
    <section aria-labelledby="staff-heading" aria-busy={page.isFetching}>
      <h2 id="staff-heading">Workers{pageNumber > 1 ? `, page ${pageNumber}` : ''}</h2>
      <Loaded query={page} what="the workers">
        {(data) => (
          <>
            {data.workers.length ? <StaffTable workers={data.workers} /> : <p>No worker belongs to it yet.</p>}
            <nav class="pager" aria-label="Pages of workers">
              <button
                type="button"
                class="button-secondary"
                disabled={pageNumber === 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Previous {STAFF_PAGE_SIZE}
              </button>
              <button
                type="button"
                class="button-secondary"
                disabled={!data.next}
                onClick={() => data.next && setCursors([...cursors, data.next])}
              >
                Next {STAFF_PAGE_SIZE}
              </button>
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
}

function StaffTable({ workers }: { workers: StaffMember[] }) {
  return (
    <ScrollTable label="Workers">
      <table class="table">
        <thead>
          <tr>
            <th scope="col">Name</th>
            <th scope="col">Registration number</th>
            <th scope="col">Job role now</th>
            <th scope="col">Works here</th>
          </tr>
        </thead>
        <tbody>
          {workers.map((w) => {
            const since = w.memberships.at(-1);
            return (
              <tr key={w.id}>
                <th scope="row">
                  <a href={`/workers/${encodeURIComponent(w.id)}`}>{w.name ?? `Unnamed worker ${w.id}`}</a>
                </th>
                <td>{w.registrationNumber ?? 'not given'}</td>
                <td>{w.currentRole ? (w.currentRole.name ?? w.currentRole.roleId) : 'none'}</td>
                <td>
                  {w.current
                    ? `since ${since ? formatDay(since.from) : 'unknown'}`
                    : `left ${since?.to ? formatDay(since.to) : ''}`.trim()}
                </td>
              </tr>
            );
          })}
        </tbody>
      </table>
    </ScrollTable>
  );
}
