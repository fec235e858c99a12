import { useQueryClient } from '@tanstack/preact-query';
import type { ChartConfiguration } from 'chart.js';
import { useLocation } from 'preact-iso/router';
import { useMemo, useState } from 'preact/hooks';
import { api } from '../../api/client';
import { auditPaths, keys, useAuditHistory, useAudits, useAuditStatus, useFramework } from '../../api/queries';
import type { AuditCycleSummary, AuditHistory, AuditStatus, Framework } from '../../api/types';
import { ChartCanvas, SERIES_COLOURS } from '../../components/chart';
import { PageHeading, ScrollTable } from '../../components/page';
import { ErrorMessage, Loaded, Notice } from '../../components/status';
import { STAGE_LABELS, stageIndex, stageLabel } from '../../labels';
import { AuditNav, AuditStageBadge, capabilityLabel, formatDay, today } from './audit-parts';
import { OrganisationPicker, useOrganisationLabel } from './organisations';

/** The learning lead's main view: the organisation's audit status today, its history, and the cycles. */
export function AuditView({ organisationId }: { organisationId: string }) {
  const organisationName = useOrganisationLabel(organisationId);
  const framework = useFramework();
  const status = useAuditStatus(organisationId);
  const history = useAuditHistory(organisationId);
  const audits = useAudits(organisationId);
  const completed = useLocation().query.completed;
  return (
    <>
      <PageHeading title="Self-audit">Self-audit</PageHeading>
      <p class="subtitle">
        The CLF organisational self-audit of {organisationName}: six organisational capabilities, a cycle at a time.
      </p>
      <OrganisationPicker organisationId={organisationId} page="audit" />
      <AuditNav organisationId={organisationId} current="audit" />
      {completed ? (
        <Notice>Cycle completed on {formatDay(completed)}: from that day its stages are the audit status below.</Notice>
      ) : null}
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <>
            <section aria-labelledby="status-heading">
              <h2 id="status-heading">Audit status today</h2>
              <Loaded query={status} what="the audit status">
                {(s) => <StatusTable status={s} framework={f} organisationId={organisationId} />}
              </Loaded>
            </section>
            <section aria-labelledby="history-heading">
              <h2 id="history-heading">Audit status over time</h2>
              <Loaded query={history} what="the audit history">
                {(h) => <HistoryOfStatus history={h} framework={f} />}
              </Loaded>
            </section>
          </>
        )}
      </Loaded>
      <section aria-labelledby="cycles-heading">
        <h2 id="cycles-heading">Audit cycles</h2>
        <Loaded query={audits} what="the audit cycles">
          {(a) => <Cycles organisationId={organisationId} audits={a.audits} />}
        </Loaded>
      </section>
    </>
  );
}

function StatusTable({
  status,
  framework,
  organisationId,
}: {
  status: AuditStatus;
  framework: Framework;
  organisationId: string;
}) {
  return (
    <>
      <p>
        {status.auditId ? (
          <>
            From the cycle completed on{' '}
            <a href={`/organisations/${organisationId}/audits/${status.auditId}`}>{formatDay(status.completedOn!)}</a>.
          </>
        ) : (
          'No cycle is completed yet: every capability counts as not yet engaged until one is.'
        )}
      </p>
      <ScrollTable label="Audit status today">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Organisational capability</th>
              <th scope="col">Self-assessed stage</th>
              <th scope="col">Staff perception</th>
              <th scope="col">Areas for development</th>
              <th scope="col">Actions open / done / dropped</th>
            </tr>
          </thead>
          <tbody>
            {status.capabilities.map((c) => (
              <tr key={c.capabilityId}>
                <th scope="row">{capabilityLabel(framework, c.capabilityId)}</th>
                <td>
                  <AuditStageBadge stage={c.selfAssessedStage} />
                </td>
                <td>
                  <AuditStageBadge stage={c.staffPerceptionStage} />
                </td>
                <td>{c.areasForDevelopment.length}</td>
                <td>
                  {c.actions.open} / {c.actions.done} / {c.actions.dropped}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

const STAGE_NAMES = Object.values(STAGE_LABELS);

function HistoryOfStatus({ history, framework }: { history: AuditHistory; framework: Framework }) {
  const config = useMemo(() => historyChart(history, framework), [history, framework]);
  const cycles = history.history;
  if (!cycles.length) return <p>No cycle is completed yet: the chart starts with the first completed cycle.</p>;
  const latest = cycles.at(-1)!;
  const summary = `Self-assessed stage of each organisational capability at ${cycles.length} completed cycle${cycles.length === 1 ? '' : 's'}; at the latest (${formatDay(latest.completedOn)}): ${latest.capabilities
    .map((c) => `${capabilityLabel(framework, c.capabilityId)} ${stageLabel(c.selfAssessedStage)}`)
    .join('; ')}. The table below has every figure.`;
  return (
    <>
      <div class="card">
        <ChartCanvas config={config} summary={summary} height={300} />
      </div>
      <ScrollTable label="Audit status over time">
        <table class="table">
          <thead>
            <tr>
              <th scope="col">Organisational capability</th>
              {cycles.map((cycle) => (
                <th key={cycle.auditId} scope="col">
                  Completed {formatDay(cycle.completedOn)}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {framework.organisationalCapabilities.map((capability) => (
              <tr key={capability.id}>
                <th scope="row">{capabilityLabel(framework, capability.id)}</th>
                {cycles.map((cycle) => {
                  const c = cycle.capabilities.find((x) => x.capabilityId === capability.id);
                  return (
                    <td key={cycle.auditId}>
                      {c ? stageLabel(c.selfAssessedStage) : 'not assessed'}
                      {c?.movement && c.movement !== 'same' ? ` (${c.movement})` : ''}
                      <span class="hint block">
                        staff:{' '}
                        {c
                          ? c.staffPerceptionStage === 'suppressed'
                            ? 'suppressed'
                            : stageLabel(c.staffPerceptionStage)
                          : '-'}
                      </span>
                    </td>
                  );
                })}
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollTable>
    </>
  );
}

/** One line per capability: its self-assessed stage at each completed cycle. */
function historyChart(history: AuditHistory, framework: Framework): ChartConfiguration<'line'> {
  const labels = history.history.map((cycle) => formatDay(cycle.completedOn));
  const datasets = framework.organisationalCapabilities.map((capability, index) => ({
    label: capabilityLabel(framework, capability.id),
    data: history.history.map((cycle) =>
      stageIndex(
        cycle.capabilities.find((c) => c.capabilityId === capability.id)?.selfAssessedStage ?? 'not-yet-engaged',
      ),
    ),
    borderColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
    backgroundColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
    borderWidth: 2,
    // Capabilities at the same stage would hide each other: every other line is dashed.
    borderDash: index % 2 ? [6, 4] : [],
    pointRadius: 4,
  }));
  return {
    type: 'line',
    data: { labels, datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      scales: {
        y: {
          type: 'linear',
          min: 0,
          max: 4,
          ticks: { stepSize: 1, callback: (value) => STAGE_NAMES[Number(value)] ?? '' },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: { callbacks: { label: (item) => `${item.dataset.label}: ${STAGE_NAMES[item.parsed.y ?? 0]}` } },
      },
    },
  };
}

function Cycles({ organisationId, audits }: { organisationId: string; audits: AuditCycleSummary[] }) {
  const newestFirst = [...audits].reverse();
  return (
    <>
      {newestFirst.length ? (
        <ul class="plain-list cycle-list">
          {newestFirst.map((cycle) => (
            <li key={cycle.id}>
              <a href={`/organisations/${organisationId}/audits/${cycle.id}`}>
                Cycle started {formatDay(cycle.startedOn)}
              </a>
              : {cycle.completedOn ? `completed ${formatDay(cycle.completedOn)}` : 'open'}
            </li>
          ))}
        </ul>
      ) : (
        <p>No audit cycle yet.</p>
      )}
      <OpenCycleForm organisationId={organisationId} />
    </>
  );
}

function OpenCycleForm({ organisationId }: { organisationId: string }) {
  const queryClient = useQueryClient();
  const { route } = useLocation();
  const [error, setError] = useState<unknown>();
  const [busy, setBusy] = useState(false);
  async function submit(event: Event) {
    event.preventDefault();
    const data = new FormData(event.currentTarget as HTMLFormElement);
    const threshold = ((data.get('threshold') as string) ?? '').trim();
    setBusy(true);
    setError(undefined);
    try {
      const body = { startedOn: data.get('startedOn'), ...(threshold ? { surveyThreshold: Number(threshold) } : {}) };
      const { id } = await api<{ id: string }>('POST', auditPaths.audits(organisationId), body);
      await queryClient.invalidateQueries({ queryKey: keys.audits(organisationId) });
      route(`/organisations/${organisationId}/audits/${id}`);
    } catch (failure) {
      setError(failure);
      setBusy(false);
    }
  }
  return (
    <form class="form card" onSubmit={submit} aria-labelledby="open-cycle-heading">
      <h3 id="open-cycle-heading">Open a cycle</h3>
      <div class="field">
        <label for="cycle-started">Started on</label>
        <input id="cycle-started" name="startedOn" type="date" required defaultValue={today()} />
      </div>
      <div class="field">
        <label for="cycle-threshold">Staff survey threshold (optional)</label>
        <input
          id="cycle-threshold"
          name="threshold"
          type="number"
          min="0"
          max="1"
          step="0.01"
          aria-describedby="cycle-threshold-hint"
        />
        <p id="cycle-threshold-hint" class="hint">
          The share of respondents who must agree (4 or 5) for a worker indicator to count as evidenced, from 0 to 1.
          Left empty: 0.6.
        </p>
      </div>
      {error ? <ErrorMessage error={error} title="The cycle was not opened" /> : null}
      <button type="submit" class="button" disabled={busy}>
        Open the cycle
      </button>
    </form>
  );
}
