import { isIsoTimestamp } from '../formats/timestamp.js';
import { activityBody } from './activity.js';
import { validateActor, validateAgentOrGroupObject, badObjectType } from './agent.js';
import { validateAttachments } from './attachment.js';
import { validateContext } from './context.js';
import { validateResult } from './result.js';
import { S } from './sections.js';
import { statementRefBody } from './statement-ref.js';
import { objectAt, onlyKnownKeys, required, stringAt, type JsonObject } from './values.js';
import { validateVerb } from './verb.js';
import { visit, type Walker } from './walker.js';

const SUBSTATEMENT_KEYS: ReadonlySet<string> = new Set([
  'objectType',
  'actor',
  'verb',
  'object',
  'result',
  'context',
  'timestamp',
  'attachments',
]);
const FORBIDDEN_IN_SUBSTATEMENT: ReadonlySet<string> = new Set(['id', 'stored', 'version', 'authority']);

/**
 * What a Statement and a SubStatement share (a SubStatement "MUST be validated as a Statement",
 * 2.4.4.3.s8.b2): actor, verb and object are required (2.2.s2.b3), the rest optional.
 */
export function validateStatementCore(w: Walker, statement: JsonObject): void {
  if (required(w, statement, 'actor', S.statement)) visit(w, 'actor', statement.actor, validateActor);
  if (required(w, statement, 'verb', S.statement)) visit(w, 'verb', statement.verb, validateVerb);
  if (required(w, statement, 'object', S.statement)) visit(w, 'object', statement.object, validateObject);
  if (statement.result !== undefined) visit(w, 'result', statement.result, validateResult);
  if (statement.context !== undefined) {
    const outer = w.objectIsActivity;
    w.objectIsActivity = objectIsActivity(statement.object);
    visit(w, 'context', statement.context, validateContext);
    w.objectIsActivity = outer;
  }
  if (statement.timestamp !== undefined) timestampAt(w, statement, 'timestamp', S.timestamp);
  if (statement.attachments !== undefined) validateAttachments(w, statement.attachments);
}

/** stored and timestamp share the Timestamp type; the accepted forms depend on the version. */
export function timestampAt(w: Walker, statement: JsonObject, key: 'timestamp' | 'stored', section: string): void {
  const value = statement[key];
  if (!stringAt(w, key, value, section) || isIsoTimestamp(value, w.version)) return;
  w.report(
    key,
    w.version === '2.0.0'
      ? 'must be an RFC 3339 / ISO 8601 timestamp with a time zone, e.g. 2024-05-01T12:00:00.000Z'
      : 'must be an ISO 8601 timestamp, e.g. 2024-05-01T12:00:00.000Z',
    S.timestamps,
  );
}

/** Dispatches on objectType; an absent objectType means Activity (2.4.4.s2). */
function validateObject(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.object)) return;
  switch (value.objectType) {
    case undefined:
    case 'Activity':
      activityBody(w, value);
      return;
    case 'Agent':
    case 'Group':
      validateAgentOrGroupObject(w, value);
      return;
    case 'StatementRef':
      statementRefBody(w, value);
      return;
    case 'SubStatement':
      if (w.inSubStatement)
        w.report('objectType', 'a SubStatement must not contain another SubStatement', S.subStatement);
      else validateSubStatement(w, value);
      return;
    default:
      badObjectType(w, value.objectType, '"Activity", "Agent", "Group", "SubStatement" or "StatementRef"', S.object);
  }
}

function validateSubStatement(w: Walker, sub: JsonObject): void {
  onlyKnownKeys(w, sub, SUBSTATEMENT_KEYS, 'a SubStatement', explainSubStatementKey);
  w.inSubStatement = true;
  validateStatementCore(w, sub);
  w.inSubStatement = false;
}

function explainSubStatementKey(key: string): string | undefined {
  return FORBIDDEN_IN_SUBSTATEMENT.has(key) ? 'must not be present in a SubStatement' : undefined;
}

function objectIsActivity(object: unknown): boolean {
  if (typeof object !== 'object' || object === null) return true;
  const type = (object as JsonObject).objectType;
  return type === undefined || type === 'Activity';
}
