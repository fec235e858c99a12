import { useState } from 'preact/hooks';
import type { Reach } from '../../access';
import { apiBlob, query } from '../../api/client';
import { useExportSummary } from '../../api/queries';
import { ErrorMessage, Loaded, Problem } from '../../components/status';
import { WorkerFrame } from '../../components/worker-frame';
import { reversedPeriod } from '../../labels';

const today = () => new Date().toISOString().slice(0, 10);
const yearAgo = () => new Date(Date.now() - 365 * 86_400_000).toISOString().slice(0, 10);

/**
 * The evidence of a period for post-registration training and learning, as CSV or as a printable page.
 * Both come from the export endpoint with the bearer token, so they are fetched here and handed to the
 * browser as a file or a new tab.
 */
export function ExportView({ workerId, reach }: { workerId: string; reach: Reach }) {
  const [period, setPeriod] = useState({ from: yearAgo(), to: today() });
  const summary = useExportSummary(workerId, period.from, period.to);
  const [error, setError] = useState<unknown>();
  const path = (format: 'csv' | 'html') =>
    `/api/workers/${encodeURIComponent(workerId)}/evidence-export${query({ format, from: period.from, to: period.to })}`;

  async function downloadCsv() {
    setError(undefined);
    try {
      const blob = await apiBlob(path('csv'), 'text/csv');
      const link = document.createElement('a');
      link.href = URL.createObjectURL(blob);
      link.download = `learning-record-${period.from}-to-${period.to}.csv`;
      document.body.append(link);
      link.click();
      link.remove();
      setTimeout(() => URL.revokeObjectURL(link.href), 60_000);
    } catch (failure) {
      setError(failure);
    }
  }

  async function openPrintable() {
    setError(undefined);
    // Opened before the fetch, so a popup blocker sees it as the answer to the click.
    const tab = window.open('', '_blank');
    try {
      const blob = await apiBlob(path('html'), 'text/html');
      const url = URL.createObjectURL(new Blob([blob], { type: 'text/html' }));
      if (tab) tab.location.href = url;
      else window.location.href = url;
      setTimeout(() => URL.revokeObjectURL(url), 60_000);
    } catch (failure) {
      tab?.close();
      setError(failure);
    }
  }

  const [periodProblem, setPeriodProblem] = useState<string>();
  function submit(event: Event) {
    event.preventDefault();
    const form = new FormData(event.currentTarget as HTMLFormElement);
    const chosen = { from: (form.get('from') as string) || yearAgo(), to: (form.get('to') as string) || today() };
    const problem = reversedPeriod(chosen.from, chosen.to);
    setPeriodProblem(problem);
    if (!problem) setPeriod(chosen);
  }

  return (
    <WorkerFrame workerId={workerId} reach={reach} section="export" title="Export">
      <p>The evidence of a period, with the hours of learning, for post-registration training and learning (PRTL).</p>
      <form class="filters" onSubmit={submit} aria-label="Period to export">
        <div class="field">
          <label for="export-from">From</label>
          <input id="export-from" name="from" type="date" defaultValue={period.from} required />
        </div>
        <div class="field">
          <label for="export-to">To (inclusive)</label>
          <input
            id="export-to"
            name="to"
            type="date"
            defaultValue={period.to}
            required
            aria-invalid={periodProblem ? true : undefined}
            aria-describedby={periodProblem ? 'export-period-problem' : undefined}
          />
        </div>
        {periodProblem ? (
          <div id="export-period-problem" class="filter-problem">
            <Problem title="The period was not changed">{periodProblem}</Problem>
          </div>
        ) : null}
        <div class="filter-actions">
          <button type="submit" class="button-secondary">
            Choose period
          </button>
        </div>
      </form>
      <Loaded query={summary} what="the export">
        {(data) => (
          <p class="big-figure">
            {data.records.length} record{data.records.length === 1 ? '' : 's'} and{' '}
            <strong>{data.hoursOfLearning} hours of learning</strong> in the period.
          </p>
        )}
      </Loaded>
      {error ? <ErrorMessage error={error} title="The export failed" /> : null}
      <div class="actions">
        <button type="button" class="button" onClick={() => void downloadCsv()}>
          Download CSV
        </button>
        <button type="button" class="button" onClick={() => void openPrintable()}>
          Open printable page
        </button>
      </div>
    </WorkerFrame>
  );
}
