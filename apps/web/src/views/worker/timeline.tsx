import { useLocation } from 'preact-iso/router';
import { useState } from 'preact/hooks';
import type { Reach } from '../../access';
import { useFramework, useTimeline, type TimelineFilter } from '../../api/queries';
import { RECORD_KINDS, type Framework, type RecordKind } from '../../api/types';
import { Loaded, Problem } from '../../components/status';
import { TimelineList } from '../../components/timeline-list';
import { WorkerFrame } from '../../components/worker-frame';
import { catalogueOf, GROUP_LABELS, KIND_LABELS, reversedPeriod } from '../../labels';

/** Everything recorded, newest first: filters by kind, capability and period live in the address, so they survive a reload. */
export function TimelineView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const framework = useFramework();
  const location = useLocation();
  const filter = filterFrom(location.query);
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="timeline" title="Timeline">
      <Loaded query={framework} what="the CLF catalogue">
        {(catalogue) => (
          <>
            <TimelineFilters
              key={JSON.stringify(filter)}
              framework={catalogue}
              filter={filter}
              onChange={(next) => location.route(`/workers/${workerId}/timeline${search(next)}`)}
            />
            <TimelinePages key={JSON.stringify(filter)} workerId={workerId} filter={filter} framework={catalogue} />
          </>
        )}
      </Loaded>
    </WorkerFrame>
  );
}

function filterFrom(query: Record<string, string>): TimelineFilter {
  const kind = (RECORD_KINDS as readonly string[]).includes(query.kind ?? '') ? (query.kind as RecordKind) : undefined;
  return {
    kind,
    capabilityId: query.capabilityId || undefined,
    from: query.from || undefined,
    to: query.to || undefined,
  };
}

function search(filter: TimelineFilter): string {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(filter)) if (value) params.set(key, value);
  const text = params.toString();
  return text ? `?${text}` : '';
}

/** Read on submit (not controlled), so a page arriving while someone edits does not undo their edit. */
function TimelineFilters({
  framework,
  filter,
  onChange,
}: {
  framework: Framework;
  filter: TimelineFilter;
  onChange: (filter: TimelineFilter) => void;
}) {
  const [periodProblem, setPeriodProblem] = useState<string>();
  function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const value = (name: string) => (form.get(name) as string) || undefined;
    const problem = reversedPeriod(value('from'), value('to'));
    setPeriodProblem(problem);
    if (problem) return;
    onChange({
      kind: value('kind') as RecordKind | undefined,
      capabilityId: value('capabilityId'),
      from: value('from'),
      to: value('to'),
    });
  }
  const groups = ['managing-self', 'managing-relationships'] as const;
  return (
    <form class="filters" onSubmit={submit} aria-label="Filter the timeline">
      <div class="field">
        <label for="filter-kind">Kind of record</label>
        <select id="filter-kind" name="kind">
          <option value="">Every kind</option>
          {RECORD_KINDS.map((kind) => (
            <option key={kind} value={kind} selected={kind === filter.kind}>
              {KIND_LABELS[kind]}
            </option>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-capability">Capability</label>
        <select id="filter-capability" name="capabilityId">
          <option value="">Every capability</option>
          {groups.map((group) => (
            <optgroup key={group} label={GROUP_LABELS[group]}>
              {framework.personalCapabilities
                .filter((c) => c.group === group)
                .map((c) => (
                  <option key={c.id} value={c.id} selected={c.id === filter.capabilityId}>
                    {c.name}
                  </option>
                ))}
            </optgroup>
          ))}
        </select>
      </div>
      <div class="field">
        <label for="filter-from">From</label>
        <input id="filter-from" name="from" type="date" defaultValue={filter.from ?? ''} />
      </div>
      <div class="field">
        <label for="filter-to">To (inclusive)</label>
        <input
          id="filter-to"
          name="to"
          type="date"
          defaultValue={filter.to ?? ''}
          aria-invalid={periodProblem ? true : undefined}
          aria-describedby={periodProblem ? 'filter-period-problem' : undefined}
        />
      </div>
      {periodProblem ? (
        <div id="filter-period-problem" class="filter-problem">
          <Problem title="The records were not filtered">{periodProblem}</Problem>
        </div>
      ) : null}
      <div class="filter-actions">
        <button type="submit" class="button">
          Show records
        </button>
        <button type="button" class="button-quiet" onClick={() => onChange({})}>
          Clear filters
        </button>
      </div>
    </form>
  );
}

/** One page at a time; the cursors of the pages already seen make "newer" work without counting. */
function TimelinePages({
  workerId,
  filter,
  framework,
}: {
  workerId: string;
  filter: TimelineFilter;
  framework: Framework;
}) {
  const [cursors, setCursors] = useState<(string | undefined)[]>([undefined]);
  const page = useTimeline(workerId, filter, cursors[cursors.length - 1]);
  const catalogue = catalogueOf(framework);
  const pageNumber = cursors.length;
  return (
    <section aria-labelledby="records-heading" aria-busy={page.isFetching}>
      <h2 id="records-heading">Records{pageNumber > 1 ? `, page ${pageNumber}` : ''}</h2>
      <Loaded query={page} what="the timeline">
        {(data) => (
          <>
            <TimelineList entries={data.entries} catalogue={catalogue} empty="No record matches these filters." />
            <nav class="pager" aria-label="Timeline pages">
              <button
                type="button"
                class="button-secondary"
                disabled={pageNumber === 1}
                onClick={() => setCursors(cursors.slice(0, -1))}
              >
                Newer records
              </button>
              <button
                type="button"
                class="button-secondary"
                disabled={!data.next}
                onClick={() => data.next && setCursors([...cursors, data.next])}
              >
                Older records
              </button>
            </nav>
          </>
        )}
      </Loaded>
    </section>
  );
}
