import { S } from './sections.js';
import { objectAt, onlyKnownKeys, required, uuidAt, type JsonObject } from './values.js';
import type { Walker } from './walker.js';

const STATEMENT_REF_KEYS: ReadonlySet<string> = new Set(['objectType', 'id']);

/** A context's `statement`: objectType MUST be "StatementRef" and id a UUID (2.4.4.3). */
export function validateStatementRef(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.statementRef)) return;
  if (required(w, value, 'objectType', S.statementRef) && value.objectType !== 'StatementRef') {
    w.report('objectType', 'must be "StatementRef"', S.statementRef);
  }
  statementRefBody(w, value);
}

export function statementRefBody(w: Walker, ref: JsonObject): void {
  onlyKnownKeys(w, ref, STATEMENT_REF_KEYS, 'a Statement Reference');
  if (required(w, ref, 'id', S.statementRef)) uuidAt(w, 'id', ref.id, S.statementRef);
}
