import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { liveSchema, waitForApplied } from '#libs/projections';
import { statementsProjection, STATEMENTS_PROJECTION } from './statements.projection.js';

/** The background job that removes attachment content no stored statement uses (scheduled in libs/composition). */
export const ATTACHMENT_CLEANUP_JOB = 'attachment-cleanup';

export interface AttachmentCleanupJobData {
  /** Content touched more recently than this is kept, used or not; default ATTACHMENT_GRACE_MS. */
  graceMs?: number;
}

export interface AttachmentCleanupResult {
  /** Attachments removed (their chunks with them). */
  removed: number;
  /** Why nothing was looked at, when nothing was. */
  skipped?: string;
}

/**
 * A writer commits content before it appends the statement naming it (StatementWriter.storeAttachments),
 * so a request still under way holds content no statement names yet: content is removed only once it has
 * been untouched this long, far beyond any request (an upload is limited by MAX_ATTACHMENT_BYTES).
 */
export const ATTACHMENT_GRACE_MS = 24 * 60 * 60 * 1000;

/** How long the cleanup waits for the statements read model to apply the log before it gives the round up. */
const READ_MODEL_WAIT_MS = 60_000;

/**
 * Removes the attachment content that no stored statement names and that nobody has stored or reused
 * within `graceMs`: what appends that failed after their content was committed left behind.
 *
 * "No stored statement names it" is read from the statements read model, which runs behind the log: the
 * cutoff is taken first, then the head of the log, and nothing is removed until the read model has
 * applied that head. A statement appended before the head is then in the read model; one appended after
 * it comes from a request that touched its content after the cutoff (unless it took longer than the
 * grace period), which the delete leaves alone. A writer touching content as it is deleted waits on the
 * row; the delete then sees the new touch and keeps it, or the writer finds no row and stores it again.
 */
export async function removeUnusedAttachments(
  pool: pg.Pool,
  store: EventStore,
  { graceMs = ATTACHMENT_GRACE_MS }: AttachmentCleanupJobData = {},
): Promise<AttachmentCleanupResult> {
  const { rows } = await pool.query<{ cutoff: Date }>(
    "select now() - $1::bigint * interval '1 millisecond' as cutoff",
    [graceMs],
  );
  const cutoff = rows[0]!.cutoff;
  if (!(await anyUntouchedSince(pool, cutoff))) return { removed: 0 };
  const head = await store.headPosition();
  if (!(await waitForApplied(pool, store, statementsProjection, head, READ_MODEL_WAIT_MS))) {
    return { removed: 0, skipped: `the ${STATEMENTS_PROJECTION} read model did not reach the head of the log` };
  }
  const { rowCount } = await pool.query(
    `with used as (
       select distinct organisation_id, unnest(attachments) as sha2
         from ${liveSchema(STATEMENTS_PROJECTION)}.statements
        where cardinality(attachments) > 0
     )
     delete from xapi_attachments a
      where a.touched_at < $1
        and not exists (select 1 from used u where u.organisation_id = a.organisation_id and u.sha2 = a.sha2)`,
    [cutoff],
  );
  return { removed: rowCount ?? 0 };
}

/** Whether any content is old enough to be removed: most rounds find none, and then need not wait for the read model. */
async function anyUntouchedSince(pool: pg.Pool, cutoff: Date): Promise<boolean> {
  const { rows } = await pool.query<{ any: boolean }>(
    'select exists (select 1 from xapi_attachments where touched_at < $1) as any',
    [cutoff],
  );
  return rows[0]!.any;
}
