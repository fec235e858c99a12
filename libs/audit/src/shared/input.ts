import { invalid } from '#libs/workforce';

/** Readers for untrusted request bodies: each names the field and the rule when the value does not fit. */
export type Body = Readonly<Record<string, unknown>>;

export function body(value: unknown, field = 'body'): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(field, 'must be a JSON object');
  return value as Body;
}

/**
 * The most an audit answer's reflections or a self-assessment's evidence may hold. Deciders check it
 * too (\`auditText\`), since a tool's statement reaches them through /xapi without this parse.
 */
export const AUDIT_TEXT_MAX = 20_000;

/** A decider's check of a text that may have come from a statement: non-blank when required, at most the limit. */
export function auditText(value: string, field: string, required: boolean): string {
  if (required && value.trim().length === 0) return invalid(field, 'is required and must be a non-empty string');
  if (value.length > AUDIT_TEXT_MAX) return invalid(field, `must be at most ${AUDIT_TEXT_MAX} characters`);
  return value;
}

export function text(b: Body, field: string, max: number): string {
  const value = b[field];
  if (typeof value !== 'string' || value.trim().length === 0)
    return invalid(field, 'is required and must be a non-empty string');
  if (value.length > max) return invalid(field, `must be at most ${max} characters`);
  return value.trim();
}

export function optionalText(b: Body, field: string, max: number): string | undefined {
  return b[field] === undefined || b[field] === null ? undefined : text(b, field, max);
}

export function oneOf<V extends string>(b: Body, field: string, values: readonly V[]): V {
  const value = b[field];
  if (typeof value !== 'string' || !values.includes(value as V))
    return invalid(field, `must be one of ${values.join(', ')}`);
  return value as V;
}

export function bool(b: Body, field: string): boolean {
  const value = b[field];
  if (typeof value !== 'boolean') return invalid(field, 'is required and must be true or false');
  return value;
}

const ISO_DATE = /^\d{4}-\d{2}-\d{2}$/;
/**
 * A calendar date `YYYY-MM-DD` that exists, in years 0001-9999: JavaScript takes year 0000, which
 * PostgreSQL cannot store (a read model applying it would stop on that event for every organisation).
 */
export function isCalendarDate(value: unknown): value is string {
  if (typeof value !== 'string' || !ISO_DATE.test(value) || value.startsWith('0000')) return false;
  const d = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(d.getTime()) && d.toISOString().slice(0, 10) === value;
}

export function date(b: Body, field: string): string {
  const value = b[field];
  if (!isCalendarDate(value)) return invalid(field, 'is required and must be a calendar date YYYY-MM-DD');
  return value;
}

/** A `?asOf=` style query value: a calendar date, or today (UTC) when absent. */
export function dateOrToday(value: unknown, field: string, today: string): string {
  if (value === undefined || value === '') return today;
  if (!isCalendarDate(value)) return invalid(field, 'must be a calendar date YYYY-MM-DD');
  return value;
}

export const todayUtc = (now: Date = new Date()): string => now.toISOString().slice(0, 10);
