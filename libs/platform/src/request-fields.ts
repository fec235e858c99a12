import { z } from 'zod';

/**
 * The properties most request bodies share, each one zod definition with the rule its 400 names. They
 * check the value as sent (a length counts what arrived, before trimming), so the document generated from
 * them (`requestSchema`) refuses nothing the route accepts.
 */

const REQUIRED_TEXT = 'is required and must be a non-empty string';

/** A non-blank string of at most `max` characters, trimmed. */
export function requiredText(max: number, rule = REQUIRED_TEXT) {
  return z
    .string({ error: rule })
    .min(1, { error: rule, abort: true })
    .refine((value) => value.trim().length > 0, { error: rule, abort: true })
    .max(max, { error: `must be at most ${max} characters` })
    .overwrite((value) => value.trim());
}

/** As `requiredText` when present; absent or null is undefined. */
export function optionalText(max: number, rule = REQUIRED_TEXT) {
  return absentAsUndefined(requiredText(max, rule));
}

/** One of `values`, named in the rule. */
export function oneOf<const V extends readonly [string, ...string[]]>(values: V) {
  return z.enum(values, { error: `must be one of ${values.join(', ')}` });
}

export function requiredBoolean() {
  return z.boolean({ error: 'is required and must be true or false' });
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

/** A calendar date `YYYY-MM-DD` (documented as `format: date`). */
export function calendarDate(rule = 'is required and must be a calendar date YYYY-MM-DD') {
  return z
    .string({ error: rule })
    .refine(isCalendarDate, { error: rule })
    .meta({ format: 'date', example: '2026-03-31' });
}

/** As `calendarDate` when present; absent or null is undefined. */
export function optionalDate(rule = 'must be a calendar date YYYY-MM-DD') {
  return absentAsUndefined(calendarDate(rule));
}

/** An optional property a caller may also send as null, read as absent. */
export function absentAsUndefined<T extends z.ZodType>(type: T) {
  return type.nullish().transform((value) => value ?? undefined);
}

const DIGITS = /^[0-9]{1,9}$/;
/**
 * A `?limit=` from 1 to `maxLimit` (absent: `defaultLimit`), or undefined when it is none. Decimal digits
 * only: `Number()` also reads `0x10`, `1e2` and ` 10`, which no caller means as a page size.
 */
export function pageLimit(
  value: unknown,
  { defaultLimit, maxLimit }: { defaultLimit: number; maxLimit: number },
): number | undefined {
  if (value === undefined) return defaultLimit;
  if (typeof value !== 'string' || !DIGITS.test(value)) return undefined;
  const limit = Number(value);
  return limit >= 1 && limit <= maxLimit ? limit : undefined;
}
