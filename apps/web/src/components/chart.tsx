import type { ChartConfiguration } from 'chart.js';
import { useEffect, useRef, useState } from 'preact/hooks';
import { ErrorMessage } from './status';

/** Colours for series, each at least 3:1 against white (WCAG non-text contrast). */
export const SERIES_COLOURS = [
  '#1d4ed8',
  '#b45309',
  '#047857',
  '#9d174d',
  '#6d28d9',
  '#0e7490',
  '#b91c1c',
  '#4d7c0f',
  '#475569',
  '#a21caf',
];

/**
 * A Chart.js chart, loaded on first use (Chart.js is a chunk of its own). The canvas is an image with a
 * summary for screen readers; every chart in the app also shows its numbers as a table.
 */
export function ChartCanvas({
  config,
  summary,
  height = 320,
}: {
  config: ChartConfiguration;
  summary: string;
  height?: number;
}) {
  const canvas = useRef<HTMLCanvasElement>(null);
  const [failed, setFailed] = useState<unknown>();
  useEffect(() => {
    let chart: { destroy(): void } | undefined;
    let cancelled = false;
    import('./chart-setup')
      .then(({ Chart }) => {
        if (!cancelled && canvas.current) chart = new Chart(canvas.current, config);
      })
      .catch(setFailed);
    return () => {
      cancelled = true;
      chart?.destroy();
    };
  }, [config]);
  if (failed) return <ErrorMessage error={failed} title="The chart could not be drawn" />;
  return (
    <div class="chart" style={{ height: `${height}px` }}>
      <canvas ref={canvas} role="img" aria-label={summary} />
    </div>
  );
}
