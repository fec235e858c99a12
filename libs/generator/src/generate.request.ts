import { z } from 'zod';
import { calendarDate, requestBody } from '#libs/platform';

/** Generous bounds: the national scale (8,000 organisations, 164,000 workers) fits with room to spare. */
export const GENERATE_LIMITS = { organisations: 20_000, workers: 1_000_000, years: 30, surveyRespondents: 20 } as const;

const SEED = /^[a-z0-9][a-z0-9-]{0,23}$/;
const SEED_RULE = 'must be 1-24 lowercase letters, digits or hyphens (or an integer)';

function count(min: number, max: number) {
  const rule = `must be an integer from ${min} to ${max}`;
  return z.int({ error: rule }).min(min, { error: rule }).max(max, { error: rule });
}

/**
 * The body of `POST /api/admin/generate` (and the CLI's flags, sent as that body). The seed goes into
 * organisation ids and e-mail addresses, so it is short lowercase letters, digits and hyphens; an integer
 * is taken as its decimal digits.
 */
export const generateRequest = requestBody({
  organisations: count(1, GENERATE_LIMITS.organisations),
  workers: count(1, GENERATE_LIMITS.workers),
  years: count(1, GENERATE_LIMITS.years).meta({ description: 'calendar years ending with the year of `until`' }),
  seed: z
    .union(
      [
        z.string({ error: SEED_RULE }).regex(SEED, { error: SEED_RULE }),
        z.int({ error: SEED_RULE }).min(0, { error: SEED_RULE }),
      ],
      {
        error: SEED_RULE,
      },
    )
    .transform(String)
    .pipe(z.string().regex(SEED, { error: SEED_RULE }))
    .optional()
    .meta({ description: 'the same seed and options give the same data set (default "1")' }),
  until: calendarDate('must be a date YYYY-MM-DD')
    .optional()
    .meta({ description: 'the last day anything happens (default today)' }),
  surveyRespondents: count(0, GENERATE_LIMITS.surveyRespondents)
    .optional()
    .meta({ description: "workers answering each audit cycle's staff survey (default 5)" }),
});
