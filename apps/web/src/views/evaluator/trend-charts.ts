import type { ChartConfiguration, Plugin } from 'chart.js';
import type { TrendRow } from '../../api/types';
import { SERIES_COLOURS } from '../../components/chart';
import {
  categoryOf,
  figureText,
  isSuppressed,
  segmentText,
  valueAt,
  type Column,
  type Dimension,
  type Trend,
} from './trend-figures';

/** One chart of a trend: the columns drawn, stacked (parts of a whole) or side by side (to compare). */
export interface ChartSpec {
  id: string;
  title: string;
  stacked: boolean;
  columns: Column[];
  /** Shares are drawn as percentages. */
  percent?: boolean;
}

// Ordered stages from grey to dark, each at least 3:1 against white; movement in green, grey and red.
const STAGE_COLOURS = ['#64748b', '#0e7490', '#1d4ed8', '#6d28d9', '#9d174d'];
const MOVEMENT_COLOURS: Record<string, string> = { up: '#047857', same: '#64748b', down: '#b91c1c' };
const SPLIT_COLOURS = ['#047857', '#b45309'];

const pick = (columns: Column[], keys: string[]) => keys.flatMap((k) => columns.filter((c) => c.key === k));

/** The charts of each trend, from its columns (see columnsOf). */
export function chartsOf(trend: Trend, columns: Column[]): ChartSpec[] {
  switch (trend) {
    case 'adoption':
      return [{ id: 'adoption', title: 'Organisations aware of and using the CLF', stacked: false, columns }];
    case 'organisational-capabilities':
    case 'personal-capabilities':
      return [
        {
          id: 'stages',
          title: 'Stages at each year end',
          stacked: true,
          columns: columns.filter((c) => c.key.startsWith('stages.')),
        },
        {
          id: 'movement',
          title: 'Movement since the year before',
          stacked: true,
          columns: pick(columns, ['up', 'same', 'down']),
        },
      ];
    case 'learning-volume': {
      const bySource = columns.filter((c) => c.key.startsWith('feedbackBySource.'));
      return [
        {
          id: 'per-worker',
          title: 'Learning per worker',
          stacked: false,
          columns: pick(columns, ['activitiesPerWorker', 'hoursPerWorker']),
        },
        ...(bySource.length ? [{ id: 'feedback', title: 'Feedback by source', stacked: true, columns: bySource }] : []),
      ];
    }
    case 'role-fit':
      return [
        {
          id: 'role-fit',
          title: 'Workers meeting every stage their role requires',
          stacked: true,
          columns: pick(columns, ['meetingAll', 'notMeetingAll']),
        },
      ];
    case 'impact':
      return [
        {
          id: 'impact',
          title: 'Share of workers who moved up on a capability in the year',
          stacked: false,
          percent: true,
          columns: pick(columns, ['usingShareMovedUp', 'notUsingShareMovedUp']),
        },
      ];
  }
}

function coloursOf(spec: ChartSpec): string[] {
  if (spec.id === 'stages') return STAGE_COLOURS;
  if (spec.id === 'movement') return spec.columns.map((c) => MOVEMENT_COLOURS[c.key]!);
  if (spec.id === 'role-fit' || spec.id === 'impact') return SPLIT_COLOURS;
  return SERIES_COLOURS;
}

/**
 * The chart's configuration. A suppressed figure has no bar (it is never drawn as 0): the word
 * "suppressed" is written where its bar would be, and the tooltip names the suppressed series.
 */
export function chartConfig(
  spec: ChartSpec,
  rows: readonly TrendRow[],
  by: Dimension | undefined,
): ChartConfiguration<'bar'> {
  const colours = coloursOf(spec);
  const hidden = spec.columns.map((column) => rows.map((row) => isSuppressed(row, column)));
  const scale = spec.percent ? 100 : 1;
  return {
    type: 'bar',
    data: {
      labels: rows.map((row) => categoryOf(row, by)),
      datasets: spec.columns.map((column, index) => ({
        label: column.label,
        data: rows.map((row, i) => {
          const value = valueAt(row, column.key);
          return hidden[index]![i] || value === null || value === undefined ? null : value * scale;
        }),
        backgroundColor: colours[index % colours.length],
        borderColor: '#ffffff',
        borderWidth: spec.stacked ? 1 : 0,
      })),
    },
    options: {
      responsive: true,
      maintainAspectRatio: false,
      animation: false,
      interaction: { mode: 'index', intersect: false },
      scales: {
        x: { stacked: spec.stacked },
        y: {
          stacked: spec.stacked,
          beginAtZero: true,
          // Room above the tallest bar for the word "suppressed".
          grace: '25%',
          ticks: spec.percent ? { callback: (value) => `${value}%` } : {},
        },
      },
      plugins: {
        legend: { position: 'bottom' },
        tooltip: {
          callbacks: {
            title: (items) => {
              const row = rows[items[0]?.dataIndex ?? 0];
              return row ? [String(row.year), segmentText(row, by)].filter(Boolean).join(', ') : '';
            },
            label: (item) =>
              `${item.dataset.label}: ${figureText(rows[item.dataIndex]!, spec.columns[item.datasetIndex]!)}`,
            footer: (items) => {
              const i = items[0]?.dataIndex ?? 0;
              const names = spec.columns.filter((_, c) => hidden[c]![i]).map((c) => c.label);
              return names.length ? `Suppressed (1 to 4, or would reveal one): ${names.join(', ')}` : '';
            },
          },
        },
      },
    },
    plugins: [suppressedWords(hidden, spec.stacked)],
  };
}

/** Writes "suppressed" upwards where a hidden figure's bar would stand (above the stack, for stacked bars). */
function suppressedWords(hidden: boolean[][], stacked: boolean): Plugin<'bar'> {
  return {
    id: 'suppressedWords',
    afterDatasetsDraw(chart) {
      const { ctx, chartArea, scales } = chart;
      const categories = hidden[0]?.length ?? 0;
      const write = (x: number, bottom: number) => {
        ctx.save();
        ctx.translate(x, bottom - 4);
        ctx.rotate(-Math.PI / 2);
        ctx.fillText('suppressed', 0, 0);
        ctx.restore();
      };
      ctx.save();
      ctx.fillStyle = '#374151';
      ctx.font = '11px system-ui, sans-serif';
      ctx.textAlign = 'left';
      ctx.textBaseline = 'middle';
      for (let i = 0; i < categories; i++) {
        const centre = scales.x!.getPixelForValue(i);
        if (stacked) {
          if (!hidden.some((series) => series[i])) continue;
          const tops = chart.data.datasets.flatMap((dataset, d) => {
            const bar = chart.getDatasetMeta(d).data[i];
            return dataset.data[i] !== null && bar && Number.isFinite(bar.y) ? [bar.y] : [];
          });
          write(centre, tops.length ? Math.min(...tops) : chartArea.bottom);
        } else {
          hidden.forEach((series, d) => {
            if (!series[i]) return;
            const x = chart.getDatasetMeta(d).data[i]?.x;
            write(x !== undefined && Number.isFinite(x) ? x : centre, chartArea.bottom);
          });
        }
      }
      ctx.restore();
    },
  };
}

/** The chart in words for a screen reader: what it shows, the latest bars, and how many figures are suppressed. */
export function chartSummary(spec: ChartSpec, rows: readonly TrendRow[], by: Dimension | undefined): string {
  if (!rows.length) return `${spec.title}: no figures.`;
  const label = (row: TrendRow) => [String(row.year), segmentText(row, by)].filter(Boolean).join(' ');
  const last = rows.at(-1)!;
  const suppressed = rows.reduce((n, row) => n + spec.columns.filter((c) => isSuppressed(row, c)).length, 0);
  return [
    `${spec.title}, ${spec.stacked ? 'stacked' : 'side by side'} bars from ${label(rows[0]!)} to ${label(last)}.`,
    `${label(last)}: ${spec.columns.map((c) => `${c.label} ${figureText(last, c)}`).join(', ')}.`,
    suppressed ? `${suppressed} figure${suppressed === 1 ? ' is' : 's are'} suppressed.` : '',
    'The table below gives every figure.',
  ]
    .filter(Boolean)
    .join(' ');
}
