import { isIri, isIrl } from '../formats/iri.js';
import { isLanguageTag } from '../formats/language-tag.js';
import { isUuid } from '../formats/uuid.js';
import { S } from './sections.js';
import type { Walker } from './walker.js';

/**
 * Checks of single values, each reporting at `key` below the current path. They return whether the
 * value is usable, so callers can skip checks that depend on it. Nulls are refused everywhere except
 * inside extensions (xAPI Data 2.2.s4.b1.b1); strings are refused where numbers or booleans are
 * required (2.2.s4.b1.b2-3), and empty strings where a format is required (2.2.s4.b1.b4).
 */

export type JsonObject = Record<string, unknown>;

export function isJsonObject(value: unknown): value is JsonObject {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function objectAt(w: Walker, key: string | number | null, value: unknown, section: string): value is JsonObject {
  if (isJsonObject(value)) return true;
  w.report(key, value === null ? 'must not be null' : 'must be a JSON object', value === null ? S.formatting : section);
  return false;
}

export function arrayAt(w: Walker, key: string, value: unknown, section: string): value is unknown[] {
  if (Array.isArray(value)) return true;
  w.report(key, value === null ? 'must not be null' : 'must be an array', value === null ? S.formatting : section);
  return false;
}

export function stringAt(w: Walker, key: string | number, value: unknown, section: string): value is string {
  if (typeof value === 'string') return true;
  w.report(key, value === null ? 'must not be null' : 'must be a string', value === null ? S.formatting : section);
  return false;
}

export function booleanAt(w: Walker, key: string, value: unknown, section: string): value is boolean {
  if (typeof value === 'boolean') return true;
  w.report(
    key,
    value === null ? 'must not be null' : 'must be a boolean (true or false, not a string)',
    value === null ? S.formatting : section,
  );
  return false;
}

export function numberAt(w: Walker, key: string, value: unknown, section: string): value is number {
  if (typeof value === 'number' && Number.isFinite(value)) return true;
  w.report(
    key,
    value === null ? 'must not be null' : 'must be a number (not a string)',
    value === null ? S.formatting : section,
  );
  return false;
}

export function iriAt(w: Walker, key: string | number, value: unknown, section: string): value is string {
  if (!stringAt(w, key, value, section)) return false;
  if (isIri(value)) return true;
  w.report(key, 'must be an absolute IRI (with a scheme)', section);
  return false;
}

export function irlAt(w: Walker, key: string, value: unknown, section: string): value is string {
  if (!stringAt(w, key, value, section)) return false;
  if (isIrl(value)) return true;
  w.report(key, 'must be an absolute IRL (with a scheme)', section);
  return false;
}

export function uuidAt(w: Walker, key: string, value: unknown, section: string): value is string {
  if (!stringAt(w, key, value, section)) return false;
  if (isUuid(value)) return true;
  w.report(key, 'must be a UUID in standard string form (8-4-4-4-12 hex digits)', S.uuid);
  return false;
}

export function languageTagAt(w: Walker, key: string, value: unknown, section: string): value is string {
  if (!stringAt(w, key, value, section)) return false;
  if (isLanguageTag(value)) return true;
  w.report(key, 'must be an RFC 5646 language tag', section);
  return false;
}

/** Keys are RFC 5646 tags and values strings (xAPI Data 4.2, 2.2.s3.b2, 2.2.s4.b2). */
export function languageMapAt(w: Walker, key: string, value: unknown): void {
  if (!objectAt(w, key, value, S.languageMap)) return;
  w.enter(key);
  for (const tag in value) {
    if (!Object.hasOwn(value, tag)) continue;
    if (!isLanguageTag(tag)) w.report(tag, 'language map keys must be RFC 5646 language tags', S.languageMap);
    else stringAt(w, tag, value[tag], S.languageMap);
  }
  w.leave();
}

/** Keys are IRIs; values are not checked at all (xAPI Data 4.1.s3.b1-b2). */
export function extensionsAt(w: Walker, key: string, value: unknown): void {
  if (!objectAt(w, key, value, S.extensions)) return;
  w.enter(key);
  for (const iri in value) {
    if (Object.hasOwn(value, iri) && !isIri(iri)) w.report(iri, 'extension keys must be absolute IRIs', S.extensions);
  }
  w.leave();
}

/**
 * Refuses properties the spec does not define for this object (xAPI Data 2.2.s4.b1.b7; key case
 * must match exactly, 2.2.s4.b1.b5). `explain` may give a more specific rule for some keys.
 */
export function onlyKnownKeys(
  w: Walker,
  value: JsonObject,
  allowed: ReadonlySet<string>,
  what: string,
  explain?: (key: string) => string | undefined,
): void {
  for (const key in value) {
    if (!Object.hasOwn(value, key) || allowed.has(key)) continue;
    w.report(key, explain?.(key) ?? `is not a property of ${what}`, S.formatting);
  }
}

/** Reports a missing required property; true when present. */
export function required(w: Walker, value: JsonObject, key: string, section: string): boolean {
  if (value[key] !== undefined) return true;
  w.report(key, 'is required', section);
  return false;
}
