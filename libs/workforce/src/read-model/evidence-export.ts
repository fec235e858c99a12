import type pg from 'pg';
import { z } from 'zod';
import { capabilityProfile } from './capability-profile.js';
import { capabilityRefs, indicatorRefs, kindInWords, recordText, sourceInWords } from './in-words.js';
import { schema } from './indicator-judgements.js';
import {
  CapabilityRefSchema,
  IndicatorRefSchema,
  Instant,
  RecordedBySchema,
  RecordKindSchema,
  StageSchema,
} from './response-parts.js';
import { visibilityParameter, visibleRecord, type Visibility } from './visibility.js';
import type { WorkerSummary } from './workers.js';

/** One row of the export, readable by a person: names and texts beside every id, kinds and sources in words. */
export const ExportRecord = z.object({
  statementId: z.string(),
  kind: RecordKindSchema,
  kindInWords: z.string(),
  occurredAt: Instant,
  title: z.string().nullable(),
  text: z.string().nullable().describe("What was said: the feedback, the reflective account, an assessor's note"),
  capabilityIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  capabilities: z.array(CapabilityRefSchema),
  indicators: z.array(IndicatorRefSchema),
  hours: z.number().nullable(),
  source: z.string().nullable(),
  sourceInWords: z.string().nullable(),
  by: z.string().nullable(),
  recordedBy: RecordedBySchema.nullable(),
  details: z.record(z.string(), z.unknown()),
});
export type ExportRecord = z.output<typeof ExportRecord>;

export const EvidenceExport = z.object({
  worker: z.object({ id: z.string(), name: z.string().nullable(), registrationNumber: z.string().nullable() }),
  period: z.object({ from: Instant.nullable(), to: Instant }),
  hoursOfLearning: z
    .number()
    .describe(
      'Hours of learning in the period (learning activities and qualifications): post-registration training and learning',
    ),
  capabilities: z.array(z.object({ capabilityId: z.string(), name: z.string(), stage: StageSchema })),
  records: z.array(ExportRecord),
});
export type EvidenceExport = z.output<typeof EvidenceExport>;

const LEARNING_KINDS = ['learning-activity', 'qualification'];

/** The evidence of a period, for post-registration training and learning; voided evidence is left out. */
export async function evidenceExport(
  db: pg.Pool,
  worker: WorkerSummary,
  from: Date | undefined,
  to: Date,
  visibility: Visibility,
): Promise<EvidenceExport> {
  const { rows } = await db.query(
    `select statement_id, kind, occurred_at, title, capability_ids, indicator_ids, duration_seconds, source, by_whom, recorded_by, details
     from ${schema()}.records r
     where worker_id = $1 and withdrawn_at is null and not pending and ${visibleRecord('r', '$4')} and ($2::timestamptz is null or occurred_at >= $2) and occurred_at < $3
     order by occurred_at, statement_id`,
    [worker.id, from ?? null, to, visibilityParameter(visibility)],
  );
  const records: ExportRecord[] = rows.map((r) => ({
    statementId: r.statement_id,
    kind: r.kind,
    kindInWords: kindInWords(r.kind),
    occurredAt: new Date(r.occurred_at).toISOString(),
    title: r.title,
    text: recordText(r.details),
    capabilityIds: r.capability_ids,
    indicatorIds: r.indicator_ids,
    capabilities: capabilityRefs(r.capability_ids),
    indicators: indicatorRefs(r.indicator_ids),
    hours: r.duration_seconds === null ? null : round(r.duration_seconds / 3600),
    source: r.source,
    sourceInWords: sourceInWords(r.source),
    by: r.by_whom,
    recordedBy: r.recorded_by,
    details: r.details,
  }));
  const profile = await capabilityProfile(db, worker.id, to, visibility);
  return {
    worker: { id: worker.id, name: worker.name, registrationNumber: worker.registrationNumber },
    period: { from: from?.toISOString() ?? null, to: to.toISOString() },
    hoursOfLearning: round(
      records.filter((r) => LEARNING_KINDS.includes(r.kind)).reduce((sum, r) => sum + (r.hours ?? 0), 0),
    ),
    capabilities: profile.capabilities.map((c) => ({ capabilityId: c.capabilityId, name: c.name, stage: c.stage })),
    records,
  };
}

const round = (n: number) => Math.round(n * 100) / 100;

/** The CSV's columns: a heading a person reads, and the cell from the record. Lists are joined with "; ". */
const CSV_COLUMNS: readonly [string, (r: ExportRecord) => string | number | null][] = [
  ['Date', (r) => r.occurredAt.slice(0, 10)],
  ['Kind', (r) => r.kindInWords],
  ['What', (r) => r.title],
  ['Text', (r) => r.text],
  ['Hours', (r) => r.hours],
  ['Capabilities', (r) => r.capabilities.map((c) => c.name).join('; ')],
  ['Indicators', (r) => r.indicators.map((i) => i.text).join('; ')],
  ['Source', (r) => r.sourceInWords],
  ['Given by', (r) => r.by],
  ['Recorded by', (r) => r.recordedBy?.name ?? null],
  ['Occurred at', (r) => r.occurredAt],
  ['Statement id', (r) => r.statementId],
];

/** RFC 4180 CSV, one record per row; a leading `=`, `+`, `-` or `@` is quoted off so spreadsheets do not run it. */
export function exportAsCsv(data: EvidenceExport): string {
  const cell = (value: string | number | null): string => {
    let text = value === null ? '' : String(value);
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  const lines = [
    CSV_COLUMNS.map(([heading]) => heading).join(','),
    ...data.records.map((r) => CSV_COLUMNS.map(([, value]) => cell(value(r))).join(',')),
  ];
  return `${lines.join('\r\n')}\r\n`;
}

export function exportAsHtml(data: EvidenceExport): string {
  const e = escapeHtml;
  const period = `${data.period.from ? e(data.period.from.slice(0, 10)) : 'the start'} to ${e(data.period.to.slice(0, 10))}`;
  const rows = data.records
    .map(
      (r) =>
        `<tr><td>${e(r.occurredAt.slice(0, 10))}</td><td>${e(r.kindInWords)}</td><td>${whatCell(r)}</td><td>${r.hours ?? ''}</td><td>${linksCell(r)}</td><td>${whoCell(r)}</td></tr>`,
    )
    .join('\n');
  const stages = data.capabilities.map((c) => `<tr><td>${e(c.name)}</td><td>${e(c.stage)}</td></tr>`).join('\n');
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><title>Learning record of ${e(data.worker.name ?? data.worker.id)}</title>
<style>body{font-family:sans-serif;margin:2em}table{border-collapse:collapse;width:100%;margin-bottom:2em}td,th{border:1px solid #999;padding:4px;text-align:left;vertical-align:top}@media print{a{display:none}}</style></head>
<body>
<h1>Learning record: ${e(data.worker.name ?? data.worker.id)}</h1>
<p>Registration number: ${e(data.worker.registrationNumber ?? 'not recorded')}. Period: ${period}.</p>
<p><strong>Hours of learning in the period: ${data.hoursOfLearning}</strong></p>
<h2>Evidence</h2>
<table><thead><tr><th>Date</th><th>Kind</th><th>What</th><th>Hours</th><th>Capabilities and indicators</th><th>Source and who</th></tr></thead><tbody>
${rows}
</tbody></table>
<h2>Personal capabilities at the end of the period</h2>
<table><thead><tr><th>Capability</th><th>Stage</th></tr></thead><tbody>
${stages}
</tbody></table>
</body></html>
`;
}

/** The title, then what was said (feedback, reflective account, note), its line breaks kept. */
function whatCell(r: ExportRecord): string {
  const title = r.title ? `<strong>${escapeHtml(r.title)}</strong>` : '';
  const text = r.text ? `<div>${escapeHtml(r.text).replaceAll('\n', '<br>')}</div>` : '';
  return title + text;
}

function linksCell(r: ExportRecord): string {
  const capabilities = r.capabilities.map((c) => escapeHtml(c.name)).join(', ');
  const indicators = r.indicators.map((i) => `<li>${escapeHtml(i.text)}</li>`).join('');
  return capabilities + (indicators ? `<ul>${indicators}</ul>` : '');
}

function whoCell(r: ExportRecord): string {
  const lines = [
    r.sourceInWords ? `Source: ${escapeHtml(r.sourceInWords)}` : '',
    r.by ? `Given by: ${escapeHtml(r.by)}` : '',
    r.recordedBy?.name ? `Recorded by: ${escapeHtml(r.recordedBy.name)}` : '',
  ];
  return lines.filter(Boolean).join('<br>');
}

function escapeHtml(text: string): string {
  return text
    .replaceAll('&', '&amp;')
    .replaceAll('<', '&lt;')
    .replaceAll('>', '&gt;')
    .replaceAll('"', '&quot;')
    .replaceAll("'", '&#39;');
}
