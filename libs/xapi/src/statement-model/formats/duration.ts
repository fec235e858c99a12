/**
 * ISO 8601:2004 durations in the format of section 4.4.3.2 (xAPI Data 4.6): PnYnMnDTnHnMnS or PnW.
 * The alternative format (P0003-01-29T04:35:59) MUST NOT be used, so it is refused. Weeks cannot be
 * combined with other units, and only the lowest-order component present may have a fraction.
 */

const NUMBER = '(\\d+(?:[.,]\\d+)?)';
const DURATION = new RegExp(
  `^P(?!$)(?:${NUMBER}Y)?(?:${NUMBER}M)?(?:${NUMBER}D)?(?:T(?=\\d)(?:${NUMBER}H)?(?:${NUMBER}M)?(?:${NUMBER}S)?)?$`,
);
const WEEKS = new RegExp(`^P${NUMBER}W$`);

export interface Duration {
  years: number;
  months: number;
  weeks: number;
  days: number;
  hours: number;
  minutes: number;
  seconds: number;
}

export function parseDuration(value: string): Duration | undefined {
  const weeks = WEEKS.exec(value);
  if (weeks) return { years: 0, months: 0, weeks: toNumber(weeks[1]), days: 0, hours: 0, minutes: 0, seconds: 0 };
  const m = DURATION.exec(value);
  if (!m || !onlyLastHasFraction(m)) return undefined;
  return {
    years: toNumber(m[1]),
    months: toNumber(m[2]),
    weeks: 0,
    days: toNumber(m[3]),
    hours: toNumber(m[4]),
    minutes: toNumber(m[5]),
    seconds: toNumber(m[6]),
  };
}

export function isIsoDuration(value: unknown): value is string {
  return typeof value === 'string' && parseDuration(value) !== undefined;
}

/**
 * Drops second fractions beyond 0.01 s, which xAPI Data 4.6.s1.b5 says comparisons ignore
 * (and which an LRS MAY truncate). Other units are compared as written (2.3.1.b8).
 */
export function truncateDuration(value: string): string {
  return value.replace(/([.,]\d{2})\d+S$/, '$1S');
}

function onlyLastHasFraction(m: RegExpExecArray): boolean {
  let last = 0;
  for (let i = 1; i <= 6; i++) if (m[i] !== undefined) last = i;
  for (let i = 1; i < last; i++) {
    const part = m[i];
    if (part !== undefined && (part.includes('.') || part.includes(','))) return false;
  }
  return true;
}

function toNumber(part: string | undefined): number {
  return part === undefined ? 0 : Number(part.replace(',', '.'));
}
