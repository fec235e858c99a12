import type { TrendAnswer } from '../queries/get-trend/get-trend.handler.js';

/** Nested objects as `parent.key` columns; `suppressed` as its names separated by spaces. */
function flatten(
  value: Record<string, unknown>,
  prefix = '',
  out: Record<string, unknown> = {},
): Record<string, unknown> {
  for (const [key, v] of Object.entries(value)) {
    const name = prefix ? `${prefix}.${key}` : key;
    if (v !== null && typeof v === 'object' && !Array.isArray(v)) flatten(v as Record<string, unknown>, name, out);
    else out[name] = Array.isArray(v) ? v.join(' ') : v;
  }
  return out;
}

/**
 * The JSON rows as RFC 4180 CSV with a header line: the same rows, the same values (null as an empty
 * cell). A leading `=`, `+`, `-` or `@` in text is quoted off so spreadsheets do not run it; numbers
 * (changes are often negative) are written as they are.
 */
export function rowsAsCsv(rows: TrendAnswer['rows']): string {
  const flat = rows.map((r) => flatten(r));
  const columns = [...new Set(flat.flatMap((r) => Object.keys(r)))];
  const cell = (value: unknown): string => {
    if (value === null || value === undefined) return '';
    if (typeof value === 'number') return String(value);
    let text = String(value);
    if (/^[=+\-@]/.test(text)) text = `'${text}`;
    return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
  };
  return `${[columns.join(','), ...flat.map((r) => columns.map((c) => cell(r[c])).join(','))].join('\r\n')}\r\n`;
}
