import { isCalendarDate } from '#libs/platform';
import { invalid } from '#libs/workforce';

/**
 * The most an audit answer's reflections or a self-assessment's evidence may hold. Deciders check it
 * too (\`auditText\`), since a tool's statement reaches them through /xapi without the request's parse.
 */
export const AUDIT_TEXT_MAX = 20_000;

/** A decider's check of a text that may have come from a statement: non-blank when required, at most the limit. */
export function auditText(value: string, field: string, required: boolean): string {
  if (required && value.trim().length === 0) return invalid(field, 'is required and must be a non-empty string');
  if (value.length > AUDIT_TEXT_MAX) return invalid(field, `must be at most ${AUDIT_TEXT_MAX} characters`);
  return value;
}

/** A `?asOf=` style query value: a calendar date, or today (UTC) when absent. */
export function dateOrToday(value: unknown, field: string, today: string): string {
  if (value === undefined || value === '') return today;
  if (!isCalendarDate(value)) return invalid(field, 'must be a calendar date YYYY-MM-DD');
  return value;
}

export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
