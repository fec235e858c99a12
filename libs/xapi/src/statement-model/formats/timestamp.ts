import type { XapiVersion } from '../types.js';

/**
 * Timestamps (xAPI Data 4.5). 1.0.3: MUST be ISO 8601, SHOULD* be RFC 3339 and SHOULD* carry a
 * time zone, so ISO 8601 extended and basic date-times are accepted with or without an offset.
 * 2.0: the SHOULD*s became requirements, so only RFC 3339 (offset required) is accepted.
 * Both reject the "unknown local offset" forms -00, -0000 and -00:00, as the conformance suites do.
 */

// RFC 3339 date-time: full-date ("T" / "t" / " ") hh:mm:ss[.frac] (Z / z / +hh:mm / -hh:mm)
const RFC3339 = /^(\d{4})-(\d{2})-(\d{2})[Tt ](\d{2}):(\d{2}):(\d{2})(?:\.(\d+))?(?:([Zz])|([+-])(\d{2}):(\d{2}))$/;

// ISO 8601 extended: YYYY-MM-DDThh:mm[:ss[.frac]][Z|±hh[:mm]]
const ISO_EXTENDED =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(?::?(\d{2}))?)?$/;

// ISO 8601 basic: YYYYMMDDThhmm[ss[.frac]][Z|±hh[mm]]
const ISO_BASIC = /^(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(?:(\d{2})(?:[.,](\d+))?)?(?:(Z)|([+-])(\d{2})(\d{2})?)?$/;

export interface ParsedTimestamp {
  /** Milliseconds since the epoch, with sub-millisecond precision kept as a fraction. */
  epochMs: number;
  /** False when the timestamp had no offset (allowed in 1.0.3 only); epochMs then assumes UTC. */
  hasOffset: boolean;
}

/** Parses an xAPI timestamp; undefined when it is not valid for the version. */
export function parseTimestamp(value: string, version: XapiVersion = '1.0.3'): ParsedTimestamp | undefined {
  const match =
    RFC3339.exec(value) ?? (version === '1.0.3' ? (ISO_EXTENDED.exec(value) ?? ISO_BASIC.exec(value)) : null);
  return match ? fromMatch(match) : undefined;
}

export function isIsoTimestamp(value: unknown, version: XapiVersion = '1.0.3'): value is string {
  return typeof value === 'string' && parseTimestamp(value, version) !== undefined;
}

function fromMatch(m: RegExpExecArray): ParsedTimestamp | undefined {
  const year = Number(m[1]);
  const month = Number(m[2]);
  const day = Number(m[3]);
  const hour = Number(m[4]);
  const minute = Number(m[5]);
  const second = m[6] === undefined ? 0 : Number(m[6]);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth(year, month)) return undefined;
  // 60 allows a leap second; ISO's 24:00 end-of-day form is rare enough to refuse.
  if (hour > 23 || minute > 59 || second > 60) return undefined;
  const fraction = m[7] === undefined ? 0 : Number(`0.${m[7]}`);
  let offsetMinutes = 0;
  const hasOffset = m[8] !== undefined || m[9] !== undefined;
  if (m[9] !== undefined) {
    const offsetHours = Number(m[10]);
    const offsetMins = m[11] === undefined ? 0 : Number(m[11]);
    if (offsetHours > 23 || offsetMins > 59) return undefined;
    if (m[9] === '-' && offsetHours === 0 && offsetMins === 0) return undefined;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (offsetHours * 60 + offsetMins);
  }
  const utc = utcMs(year, month, day, hour, minute, Math.min(second, 59)) - offsetMinutes * 60_000;
  const epochMs = utc + (second === 60 ? 1000 : 0) + fraction * 1000;
  // Outside the years 0001-9999 in UTC (year 0000, an offset past either end, or a leap second or fraction
  // past 9999-12-31T23:59:59.999Z) the read models that keep the instant as a timestamp (written as
  // toISOString gives it) could not store it, and would stop on the statement.
  if (!isStorableYear(new Date(Math.floor(epochMs)).getUTCFullYear())) return undefined;
  return { epochMs, hasOffset };
}

/**
 * The instant of an xAPI timestamp in any form an LRS accepts (1.0.3's ISO 8601 basic form, a comma
 * before the fraction, an offset PostgreSQL refuses such as +16:00, a leap second) as
 * `YYYY-MM-DDTHH:mm:ss.sssZ`: what a read model stores, compares as text and slices to a date. Undefined
 * when the value is no xAPI timestamp.
 */
export function instantOf(value: unknown): string | undefined {
  if (typeof value !== 'string') return undefined;
  if (isCanonicalInstant(value)) return value;
  const parsed = parseTimestamp(value, '1.0.3');
  return parsed && new Date(Math.floor(parsed.epochMs)).toISOString();
}

// The form instantOf gives: the reactors write it, so nearly every instant a read model replays is in it already.
const CANONICAL_INSTANT = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/;

/** True when `value` is already what instantOf would give for it (so a replay skips the full parse). */
function isCanonicalInstant(value: string): boolean {
  if (!CANONICAL_INSTANT.test(value)) return false;
  const year = digitsAt(value, 0, 4);
  const month = digitsAt(value, 5, 2);
  const day = digitsAt(value, 8, 2);
  // A leap second (:60) is not canonical: instantOf moves it into the next minute.
  return (
    year >= 1 &&
    month >= 1 &&
    month <= 12 &&
    day >= 1 &&
    day <= daysInMonth(year, month) &&
    digitsAt(value, 11, 2) <= 23 &&
    digitsAt(value, 14, 2) <= 59 &&
    digitsAt(value, 17, 2) <= 59
  );
}

function digitsAt(value: string, start: number, length: number): number {
  let n = 0;
  for (let i = start; i < start + length; i++) n = n * 10 + value.charCodeAt(i) - 48;
  return n;
}

/** Date.UTC, except that years 0-99 are those years and not 1900-1999. */
function utcMs(year: number, month: number, day: number, hour: number, minute: number, second: number): number {
  const date = new Date(Date.UTC(2000, month - 1, day, hour, minute, second));
  date.setUTCFullYear(year);
  return date.getTime();
}

const isStorableYear = (year: number): boolean => year >= 1 && year <= 9999;

function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/**
 * For a read model applying an event the log already holds: its time as `instantOf` gives it, or
 * `fallback` (the time the event was recorded) when it is none. Events appended before the reactors
 * wrote instants carry the sender's text, which PostgreSQL may refuse (+16:00, a comma before the
 * fraction): stored as written, one such event would stop the projection for good.
 */
export function storableInstant(value: unknown, fallback: string | Date): string {
  return instantOf(value) ?? new Date(fallback).toISOString();
}
