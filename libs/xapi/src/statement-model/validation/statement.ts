import { VOIDED_VERB_ID, type XapiVersion } from '../types.js';
import type { ValidationIssue } from './issues.js';
import { validateAuthority } from './agent.js';
import { S } from './sections.js';
import { timestampAt, validateStatementCore } from './statement-core.js';
import { isJsonObject, objectAt, onlyKnownKeys, stringAt, uuidAt, type JsonObject } from './values.js';
import { visit, Walker } from './walker.js';

export interface ValidateStatementOptions {
  /** The xAPI version the request was made under (X-Experience-API-Version). */
  version: XapiVersion;
}

const STATEMENT_KEYS: ReadonlySet<string> = new Set([
  'id',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'stored',
  'authority',
  'version',
  'attachments',
]);

// Validation is synchronous and never re-entered, so one walker serves every call.
const walker = new Walker();

/**
 * Checks a parsed statement against the xAPI statement rules and returns every broken rule
 * (an empty array when the statement is valid). Statements from an LRS client should be checked
 * before the LRS fills in id, stored, authority and version.
 */
export function validateStatement(statement: unknown, options: ValidateStatementOptions): ValidationIssue[] {
  const w = walker;
  w.reset(options.version);
  if (!objectAt(w, null, statement, S.statement)) return w.issues;
  onlyKnownKeys(w, statement, STATEMENT_KEYS, 'a Statement');
  if (statement.id !== undefined) uuidAt(w, 'id', statement.id, S.id);
  validateStatementCore(w, statement);
  if (statement.stored !== undefined) timestampAt(w, statement, 'stored', S.stored);
  if (statement.authority !== undefined) visit(w, 'authority', statement.authority, validateAuthority);
  if (statement.version !== undefined) versionAt(w, statement.version);
  voiding(w, statement);
  return w.issues;
}

/** True when the statement has no issues; for callers that only need a yes or no. */
export function isValidStatement(statement: unknown, options: ValidateStatementOptions): boolean {
  return validateStatement(statement, options).length === 0;
}

// 1.0.3: "1.0" or "1.0.x" (2.4.10.s3); 2.0 also accepts statements of its own version.
const VERSION_1_0 = /^1\.0(?:\.\d+)?$/;
const VERSION_2_0 = /^(?:1|2)\.0(?:\.\d+)?$/;

function versionAt(w: Walker, value: unknown): void {
  if (!stringAt(w, 'version', value, S.version)) return;
  if (w.version === '2.0.0') {
    if (!VERSION_2_0.test(value)) w.report('version', 'must start with "1.0." or "2.0." (e.g. "2.0.0")', S.version);
  } else if (!VERSION_1_0.test(value))
    w.report('version', 'must be "1.0" or start with "1.0." (e.g. "1.0.0")', S.version);
}

/** A voiding statement's object MUST be a StatementRef (2.3.2.s2.b1-b2). */
function voiding(w: Walker, statement: JsonObject): void {
  const verb = statement.verb;
  if (!isJsonObject(verb) || verb.id !== VOIDED_VERB_ID || !isJsonObject(statement.object)) return;
  if (statement.object.objectType !== 'StatementRef') {
    w.report('object', 'must be a StatementRef (objectType "StatementRef") when the verb is "voided"', S.voiding);
  }
}
