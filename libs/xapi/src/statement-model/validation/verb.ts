import { S } from './sections.js';
import { iriAt, languageMapAt, objectAt, onlyKnownKeys, required } from './values.js';
import type { Walker } from './walker.js';

const VERB_KEYS: ReadonlySet<string> = new Set(['id', 'display']);

export function validateVerb(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.verb)) return;
  onlyKnownKeys(w, value, VERB_KEYS, 'a Verb');
  if (required(w, value, 'id', S.verb)) iriAt(w, 'id', value.id, S.verb);
  if (value.display !== undefined) languageMapAt(w, 'display', value.display);
}
