import type { RecordedBy } from '../domain/events.js';

/**
 * Who recorded a statement, beside who gave or judged what it says: /api puts the signed-in user in this
 * context extension of the statements it stores, and it is believed only from /api's own LRS identity
 * (an LMS could write anything there): every other statement was recorded by the LRS client that sent it.
 */
export const RECORDED_BY_EXTENSION = 'urn:continuum:extension:recorded-by';
export const PLATFORM_CLIENT_KEY = 'continuum-api';

type Json = Record<string, unknown>;
const obj = (v: unknown): Json => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Json) : {});

/** The statement /api stores, with the user recording it. */
export function withRecorder(statement: Json, recorder: RecordedBy): Json {
  const context = obj(statement.context);
  return {
    ...statement,
    context: { ...context, extensions: { ...obj(context.extensions), [RECORDED_BY_EXTENSION]: recorder } },
  };
}

/** `clientKey`: the LRS client that stored the statement (the StatementStored event's actor). */
export function recordedByOf(statement: Json, clientKey: string | undefined): RecordedBy | undefined {
  if (clientKey === PLATFORM_CLIENT_KEY) {
    const recorder = obj(obj(obj(statement.context).extensions)[RECORDED_BY_EXTENSION]);
    if (typeof recorder.id === 'string')
      return { id: recorder.id, name: typeof recorder.name === 'string' ? recorder.name : null };
  }
  if (clientKey === undefined) return undefined;
  const authority = obj(statement.authority);
  return { id: `lrs-client:${clientKey}`, name: typeof authority.name === 'string' ? authority.name : null };
}
