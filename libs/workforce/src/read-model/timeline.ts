import type pg from 'pg';
import { z } from 'zod';
import { invalid } from '../domain/errors.js';
import { RECORD_KINDS, type RecordKind } from '../evidence/evidence-kinds.js';
import { schema } from './indicator-judgements.js';
import { capabilityRefs, indicatorRefs, kindInWords, sourceInWords } from './in-words.js';
import {
  CapabilityRefSchema,
  IndicatorRefSchema,
  Instant,
  NextPage,
  RecordedBySchema,
  RecordKindSchema,
} from './response-parts.js';
import { visibilityParameter, visibleRecord, type Visibility } from './visibility.js';

export interface TimelineFilter {
  kinds?: RecordKind[];
  capabilityId?: string;
  from?: Date;
  to?: Date;
  limit: number;
  /** Opaque cursor from the previous page's `next`. */
  after?: string;
}

export const TimelineEntry = z.object({
  statementId: z.string(),
  kind: RecordKindSchema,
  occurredAt: Instant,
  title: z.string().nullable(),
  capabilityIds: z.array(z.string()),
  indicatorIds: z.array(z.string()),
  capabilities: z.array(CapabilityRefSchema).describe('The capabilities, with their names from the catalogue'),
  indicators: z.array(IndicatorRefSchema).describe('The indicators, with their texts from the catalogue'),
  kindInWords: z.string(),
  durationSeconds: z.number().nullable(),
  source: z.string().nullable(),
  sourceInWords: z.string().nullable().describe('The source in words (e.g. "A person who uses services")'),
  by: z.string().nullable().describe('Who gave, judged, agreed or recognised it, as the statement names them'),
  recordedBy: RecordedBySchema.nullable().describe(
    'Who recorded it: a user of /api, or the LRS client that sent it; null for evidence recorded before this was kept',
  ),
  evidenced: z.boolean().nullable(),
  details: z.record(z.string(), z.unknown()).describe("The kind's own properties, as recorded"),
  withdrawnAt: Instant.nullable(),
});
export type TimelineEntry = z.output<typeof TimelineEntry>;

export const TimelinePage = z.object({ workerId: z.string(), entries: z.array(TimelineEntry), next: NextPage });
export type TimelinePage = z.output<typeof TimelinePage>;

/** occurred_at in UTC to the microsecond, in a form timestamptz reads back exactly. */
const EXACT_TIME = `to_char(occurred_at at time zone 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.US"Z"')`;
const EXACT_TIME_FORMAT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{6}Z$/;

/**
 * Everything recorded about a worker, newest first, keyset-paginated on (occurred_at, statement_id)
 * so a page costs the same however deep it is. The cursor keeps occurred_at to the microsecond, as the
 * column does: a JavaScript Date (milliseconds) would skip entries within the same millisecond.
 */
export async function timeline(
  db: pg.Pool,
  workerId: string,
  filter: TimelineFilter,
  visibility: Visibility,
): Promise<TimelinePage> {
  const cursor = filter.after ? decodeCursor(filter.after) : undefined;
  const { rows } = await db.query(
    `select statement_id, kind, occurred_at, ${EXACT_TIME} as occurred_at_exact, title, capability_ids, indicator_ids, duration_seconds, source, by_whom, recorded_by, evidenced, details, withdrawn_at
     from ${schema()}.records r
     where worker_id = $1 and not pending and ${visibleRecord('r', '$9')}
       and ($2::text[] is null or kind = any($2))
       and ($3::text is null or $3 = any(capability_ids))
       and ($4::timestamptz is null or occurred_at >= $4)
       and ($5::timestamptz is null or occurred_at < $5)
       and ($6::timestamptz is null or (occurred_at, statement_id) < ($6, $7::text))
     order by occurred_at desc, statement_id desc
     limit $8`,
    [
      workerId,
      filter.kinds ?? null,
      filter.capabilityId ?? null,
      filter.from ?? null,
      filter.to ?? null,
      cursor?.at ?? null,
      cursor?.id ?? null,
      filter.limit + 1,
      visibilityParameter(visibility),
    ],
  );
  const page = rows.slice(0, filter.limit).map(toEntry);
  const last = page[page.length - 1];
  const next =
    rows.length > filter.limit && last
      ? encodeCursor(rows[filter.limit - 1].occurred_at_exact, last.statementId)
      : null;
  return { workerId, entries: page, next };
}

function toEntry(r: Record<string, any>): TimelineEntry {
  return {
    statementId: r.statement_id,
    kind: r.kind,
    occurredAt: new Date(r.occurred_at).toISOString(),
    title: r.title,
    capabilityIds: r.capability_ids,
    indicatorIds: r.indicator_ids,
    capabilities: capabilityRefs(r.capability_ids),
    indicators: indicatorRefs(r.indicator_ids),
    kindInWords: kindInWords(r.kind),
    durationSeconds: r.duration_seconds,
    source: r.source,
    sourceInWords: sourceInWords(r.source),
    by: r.by_whom,
    recordedBy: r.recorded_by,
    evidenced: r.evidenced,
    details: r.details,
    withdrawnAt: r.withdrawn_at ? new Date(r.withdrawn_at).toISOString() : null,
  };
}

const encodeCursor = (at: string, id: string) => Buffer.from(JSON.stringify([at, id])).toString('base64url');

function decodeCursor(cursor: string): { at: string; id: string } {
  try {
    const [at, id] = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8')) as unknown[];
    // A forged cursor reaches SQL: only what encodeCursor writes gets there.
    const exactTime = typeof at === 'string' && EXACT_TIME_FORMAT.test(at) && isStorableInstant(at);
    if (exactTime && typeof id === 'string' && !id.includes('\u0000')) return { at, id };
  } catch {
    // falls through to the 400 below
  }
  return invalid('after', 'must be the `next` cursor of a previous page');
}

/**
 * The cursor's time to the millisecond is what Date reads back unchanged (Date.parse rolls 30 February
 * over to 2 March), in a year PostgreSQL stores (not 0000): else SQL refused it with a 500.
 */
function isStorableInstant(at: string): boolean {
  const milliseconds = `${at.slice(0, 23)}Z`;
  const instant = new Date(milliseconds);
  return !at.startsWith('0000') && !Number.isNaN(instant.getTime()) && instant.toISOString() === milliseconds;
}

export function parseKinds(value: unknown): RecordKind[] | undefined {
  if (value === undefined || value === '') return undefined;
  const kinds = String(value).split(',');
  for (const kind of kinds) {
    if (!(RECORD_KINDS as readonly string[]).includes(kind))
      invalid('kind', `must be a comma-separated list of ${RECORD_KINDS.join(', ')}`);
  }
  return kinds as RecordKind[];
}
