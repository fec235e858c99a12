import type { TimelineEntry } from '../api/types';
import { formatDate, formatDuration, KIND_LABELS, sourceLabel, stageLabel, type Catalogue } from '../labels';

/** Records newest first, each with what, when, who and which capabilities, in words. */
export function TimelineList({
  entries,
  catalogue,
  empty,
}: {
  entries: TimelineEntry[];
  catalogue: Catalogue;
  empty: string;
}) {
  if (!entries.length) return <p>{empty}</p>;
  return (
    <ol class="timeline">
      {entries.map((entry) => (
        <li key={entry.statementId} class={entry.withdrawnAt ? 'record record-withdrawn' : 'record'}>
          <p class="record-meta">
            <time dateTime={entry.occurredAt}>{formatDate(entry.occurredAt)}</time> ·{' '}
            <span class={`kind kind-${entry.kind}`}>{KIND_LABELS[entry.kind] ?? entry.kind}</span>
          </p>
          <p class="record-title">{titleOf(entry, catalogue)}</p>
          <RecordDetails entry={entry} catalogue={catalogue} />
        </li>
      ))}
    </ol>
  );
}

function titleOf(entry: TimelineEntry, catalogue: Catalogue): string {
  if (entry.kind === 'indicator-assessment' && entry.indicatorIds[0])
    return catalogue.indicator(entry.indicatorIds[0])?.text ?? entry.title ?? entry.indicatorIds[0];
  if (entry.kind === 'feedback')
    return typeof entry.details.feedback === 'string' ? `“${entry.details.feedback}”` : (entry.title ?? 'Feedback');
  if (entry.kind === 'reflective-account' && !entry.title && typeof entry.details.account === 'string')
    return entry.details.account;
  return entry.title ?? KIND_LABELS[entry.kind] ?? entry.kind;
}

function RecordDetails({ entry, catalogue }: { entry: TimelineEntry; catalogue: Catalogue }) {
  const facts: string[] = [];
  if (entry.kind === 'indicator-assessment') {
    const indicator = entry.indicatorIds[0] ? catalogue.indicator(entry.indicatorIds[0]) : undefined;
    facts.push(entry.evidenced ? 'Evidenced' : 'Not yet evidenced');
    if (indicator) facts.push(`${catalogue.capabilityName(indicator.capabilityId)}, ${stageLabel(indicator.stage)}`);
  } else if (entry.capabilityIds.length) {
    facts.push(entry.capabilityIds.map((id) => catalogue.capabilityName(id)).join(', '));
  }
  const duration = formatDuration(entry.durationSeconds);
  if (duration) facts.push(duration);
  if (typeof entry.details.targetStage === 'string') facts.push(`aiming for ${stageLabel(entry.details.targetStage)}`);
  if (typeof entry.details.status === 'string') facts.push(String(entry.details.status).replace('-', ' '));
  const source = sourceLabel(entry.source);
  if (source) facts.push(`source: ${source}`);
  if (entry.by) facts.push(`given by ${entry.by}`);
  if (entry.recordedBy?.name) facts.push(`recorded by ${entry.recordedBy.name}`);
  if (entry.withdrawnAt) facts.push(`withdrawn on ${formatDate(entry.withdrawnAt)}`);
  const account =
    entry.kind === 'reflective-account' && entry.title && typeof entry.details.account === 'string'
      ? entry.details.account
      : undefined;
  const note = typeof entry.details.note === 'string' ? entry.details.note : undefined;
  return (
    <>
      {account || note ? <p class="record-text">{account ?? note}</p> : null}
      {facts.length ? <p class="record-facts">{facts.join(' · ')}</p> : null}
    </>
  );
}
