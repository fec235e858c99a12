import { isCalendarDate } from '#libs/platform';
import { invalid } from './errors.js';

/** Readers for untrusted request bodies: each names the field and the rule when the value does not fit. */
export type Body = Readonly<Record<string, unknown>>;

export function body(value: unknown, field = 'body'): Body {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return invalid(field, 'must be a JSON object');
  return value as Body;
}

export function text(b: Body, field: string, max = 200): string {
  const value = b[field];
  if (typeof value !== 'string' || value.trim().length === 0)
    return invalid(field, 'is required and must be a non-empty string');
  if (value.length > max) return invalid(field, `must be at most ${max} characters`);
  return value.trim();
}

export function optionalText(b: Body, field: string, max = 200): string | undefined {
  return b[field] === undefined ? undefined : text(b, field, max);
}

export function oneOf<V extends string>(b: Body, field: string, values: readonly V[]): V {
  const value = b[field];
  if (typeof value !== 'string' || !values.includes(value as V))
    return invalid(field, `must be one of ${values.join(', ')}`);
  return value as V;
}

const ISO_TIMESTAMP = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
/** An ISO 8601 timestamp with a time zone, or a date (taken as midnight UTC). */
export function parseInstant(value: unknown, field: string): Date {
  if (isCalendarDate(value)) return new Date(`${value}T00:00:00Z`);
  if (typeof value !== 'string' || !ISO_TIMESTAMP.test(value) || Number.isNaN(Date.parse(value))) {
    return invalid(field, 'must be a date YYYY-MM-DD or an ISO 8601 timestamp with a time zone');
  }
  const instant = new Date(value);
  // An offset can move 0001-01-01 or 9999-12-31 out of the years PostgreSQL and toISOString agree on.
  if (!isStorableYear(instant.getUTCFullYear())) return invalid(field, 'must fall in the years 0001-9999 (UTC)');
  return instant;
}

const isStorableYear = (year: number): boolean => year >= 1 && year <= 9999;

export const dateOf = (instant: Date): string => instant.toISOString().slice(0, 10);
