import type { ChartConfiguration } from 'chart.js';
import { useMemo } from 'preact/hooks';
import type { Reach } from '../../access';
import { useFramework, useStageHistory } from '../../api/queries';
import type { StageChange } from '../../api/types';
import { ChartCanvas, SERIES_COLOURS } from '../../components/chart';
import { ScrollTable } from '../../components/page';
import { Loaded } from '../../components/status';
import { WorkerFrame } from '../../components/worker-frame';
import {
  catalogueOf,
  formatDate,
  sourceLabel,
  STAGE_LABELS,
  stageIndex,
  stageLabel,
  type Catalogue,
} from '../../labels';

/** Every change of stage over time: a stepped line per capability that ever changed, and the same as a table. */
export function HistoryView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const framework = useFramework();
  const history = useStageHistory(workerId);
  return (
    <WorkerFrame workerId={workerId} reach={reach} section="history" title="Stage history">
      <Loaded query={framework} what="the CLF catalogue">
        {(f) => (
          <Loaded query={history} what="the stage history">
            {(h) => <StageHistory changes={h.changes} catalogue={catalogueOf(f)} />}
          </Loaded>
        )}
      </Loaded>
    </WorkerFrame>
  );
}

function StageHistory({ changes, catalogue }: { changes: StageChange[]; catalogue: Catalogue }) {
  const config = useMemo(() => chartOf(changes, catalogue, Date.now()), [changes, catalogue]);
  if (!changes.length) return <p>No stage has changed yet: the first judged indicators will show here.</p>;
  const capabilities = [...new Set(changes.map((c) => c.capabilityId))];
  const summary = `Stage over time on ${capabilities.length} capabilit${capabilities.length === 1 ? 'y' : 'ies'}: ${capabilities
    .map(
      (id) =>
        `${catalogue.capabilityName(id)} now ${stageLabel(changes.filter((c) => c.capabilityId === id).at(-1)!.to)}`,
    )
    .join('; ')}. The table below lists every change.`;
  return (
    <>
      <section class="card" aria-labelledby="history-chart">
        <h2 id="history-chart">Stages over time</h2>
        <ChartCanvas config={config} summary={summary} />
      </section>
      <section aria-labelledby="history-table">
        <h2 id="history-table">Every change of stage</h2>
        <ScrollTable label="Every change of stage">
          <table class="table">
            <thead>
              <tr>
                <th scope="col">Date</th>
                <th scope="col">Capability</th>
                <th scope="col">Change</th>
                <th scope="col">Because of</th>
              </tr>
            </thead>
            <tbody>
              {[...changes].reverse().map((change) => (
                <tr key={`${change.capabilityId}-${change.at}-${change.cause.statementId}`}>
                  <td>{formatDate(change.at)}</td>
                  <td>{catalogue.capabilityName(change.capabilityId)}</td>
                  <td>
                    {change.direction === 'up' ? 'Up' : 'Down'} from {stageLabel(change.from)} to{' '}
                    {stageLabel(change.to)}
                  </td>
                  <td>
                    {[
                      change.cause.change === 'withdrawn' ? 'evidence withdrawn' : 'evidence recorded',
                      sourceLabel(change.cause.source),
                      change.cause.by ? `by ${change.cause.by}` : null,
                      change.cause.recordedBy?.name ? `recorded by ${change.cause.recordedBy.name}` : null,
                    ]
                      .filter(Boolean)
                      .join(', ')}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollTable>
      </section>
    </>
  );
}

const STAGE_NAMES = Object.values(STAGE_LABELS);

function chartOf(changes: StageChange[], catalogue: Catalogue, now: number): ChartConfiguration<'line'> {
  const byCapability = new Map<string, StageChange[]>();
  for (const change of changes)
    byCapability.set(change.capabilityId, [...(byCapability.get(change.capabilityId) ?? []), change]);
  // Every line starts a month before the first change of all, so a first step up shows as a step.
  const start = Math.min(...changes.map((c) => Date.parse(c.at))) - 30 * 86_400_000;
  const datasets = [...byCapability.entries()].map(([capabilityId, list], index) => ({
    label: catalogue.capabilityName(capabilityId),
    data: [
      { x: start, y: stageIndex(list[0]!.from) },
      ...list.map((c) => ({ x: Date.parse(c.at), y: stageIndex(c.to) })),
      { x: now, y: stageIndex(list.at(-1)!.to) },
    ],
    stepped: 'after' as const,
    borderColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
    backgroundColor: SERIES_COLOURS[index % SERIES_COLOURS.length],
    borderWidth: 2,
    // Lines that coincide stay apart: every other one is dashed, and the points of the ends are hidden.
    borderDash: index % 2 ? [6, 4] : [],
    pointRadius: (context: { dataIndex: number }) =>
      context.dataIndex === 0 || context.dataIndex === list.length + 1 ? 0 : 3,
  }));
  return {
    type: 'line',
    data: { datasets },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      parsing: false,
      scales: {
        x: {
          type: 'linear',
          ticks: { callback: (value) => formatDate(new Date(Number(value)).toISOString()), maxTicksLimit: 6 },
        },
        y: {
          type: 'linear',
          min: 0,
          max: 4,
          ticks: { stepSize: 1, callback: (value) => STAGE_NAMES[Number(value)] ?? '' },
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => formatDate(new Date(items[0]!.parsed.x ?? 0).toISOString()),
            label: (item) => `${item.dataset.label}: ${STAGE_NAMES[item.parsed.y ?? 0]}`,
          },
        },
      },
    },
  };
}
