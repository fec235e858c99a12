import type { GenerateOptions } from './plan/plan.js';

export class InvalidGenerateOptionsError extends Error {
  constructor(
    readonly field: string,
    readonly rule: string,
  ) {
    super(`${field}: ${rule}`);
    this.name = 'InvalidGenerateOptionsError';
  }
}

/** Generous bounds: the national scale (8,000 organisations, 164,000 workers) fits with room to spare. */
export const GENERATE_LIMITS = { organisations: 20_000, workers: 1_000_000, years: 30, surveyRespondents: 20 } as const;

/**
 * Checks a request for a generated data set (the CLI's flags, an /api body). The seed goes into
 * organisation ids and e-mail addresses, so it is short lowercase letters, digits and hyphens.
 * `until` (default today) may not be in the future: evidence is dated when it happened.
 */
export function parseGenerateOptions(input: unknown, today: string): GenerateOptions {
  const body = (typeof input === 'object' && input !== null && !Array.isArray(input) ? input : {}) as Record<
    string,
    unknown
  >;
  if (input !== body) throw new InvalidGenerateOptionsError('body', 'must be a JSON object');
  const until = body.until === undefined ? today : body.until;
  if (
    typeof until !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}$/.test(until) ||
    Number.isNaN(Date.parse(`${until}T00:00:00Z`))
  ) {
    throw new InvalidGenerateOptionsError('until', 'must be a date YYYY-MM-DD');
  }
  if (until > today) throw new InvalidGenerateOptionsError('until', `must not be after today (${today})`);
  const seed =
    body.seed === undefined
      ? '1'
      : typeof body.seed === 'number' && Number.isSafeInteger(body.seed)
        ? String(body.seed)
        : body.seed;
  if (typeof seed !== 'string' || !/^[a-z0-9][a-z0-9-]{0,23}$/.test(seed)) {
    throw new InvalidGenerateOptionsError('seed', 'must be 1-24 lowercase letters, digits or hyphens (or an integer)');
  }
  return {
    organisations: count(body, 'organisations', 1, GENERATE_LIMITS.organisations),
    workers: count(body, 'workers', 1, GENERATE_LIMITS.workers),
    years: count(body, 'years', 1, GENERATE_LIMITS.years),
    seed,
    until,
    surveyRespondents:
      body.surveyRespondents === undefined ? 5 : count(body, 'surveyRespondents', 0, GENERATE_LIMITS.surveyRespondents),
  };
}

function count(body: Record<string, unknown>, field: string, min: number, max: number): number {
  const value = body[field];
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min || value > max) {
    throw new InvalidGenerateOptionsError(field, `must be an integer from ${min} to ${max}`);
  }
  return value;
}
