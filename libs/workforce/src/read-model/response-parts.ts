import { z } from 'zod';
import { STAGE_NAMES } from '#libs/framework';
import { checkSameShape } from '#libs/platform';
import type { RecordedBy } from '../evidence/evidence.events.js';
import { RECORD_KINDS } from '../evidence/evidence-kinds.js';

/**
 * Pieces that several /api answers of the workforce share, as zod schemas: the read models' types are
 * inferred from them and the OpenAPI document is generated from them (issue 14 §8), so neither can drift.
 */

export const StageNameSchema = z.enum(STAGE_NAMES);
export const StageSchema = z.enum(['not-yet-engaged', ...STAGE_NAMES]);
export const RecordKindSchema = z.enum(RECORD_KINDS);

/** A calendar date, YYYY-MM-DD. */
export const CalendarDate = z.iso.date();
/** An instant in UTC, as JSON writes a Date. */
export const Instant = z.iso.datetime();

/** The cursor of the next page of a keyset-paginated list, or null on the last page. */
export const NextPage = z.string().nullable().describe('The next page: pass it as `after`; null on the last page');

export const RecordedBySchema = z
  .object({ id: z.string(), name: z.string().nullable() })
  .describe('Who recorded it: a user of /api (their id and name), or the LRS client that sent it');

/** The events keep RecordedBy as an interface of their own; compilation fails if it and the schema drift. */
checkSameShape<RecordedBy, z.output<typeof RecordedBySchema>>(true);

export const CapabilityRefSchema = z.object({ id: z.string(), name: z.string() });
export const IndicatorRefSchema = z.object({ id: z.string(), text: z.string() });

/** An xAPI Agent's identifying properties (mbox, mbox_sha1sum, openid or account), as stored. */
export const AgentIdentifier = z
  .record(z.string(), z.unknown())
  .describe('an xAPI Agent identifier: one of mbox, mbox_sha1sum, openid, account');
