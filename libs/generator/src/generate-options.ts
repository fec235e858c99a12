import { invalidInput, parseBody } from '#libs/platform';
import { generateRequest } from './generate.request.js';
import type { GenerateOptions } from './plan/plan.js';

/**
 * Checks a request for a generated data set (the CLI's flags, an /api body): a 400 naming each field at
 * fault. `until` (default today) may not be in the future: evidence is dated when it happened.
 */
export function parseGenerateOptions(input: unknown, today: string): GenerateOptions {
  const { seed = '1', until = today, surveyRespondents = 5, ...counts } = parseBody(generateRequest, input);
  if (until > today) throw invalidInput([{ field: 'until', rule: `must not be after today (${today})` }]);
  return { ...counts, seed, until, surveyRespondents };
}
