import { truncateDuration } from '../formats/duration.js';
import { parseTimestamp } from '../formats/timestamp.js';
import type { Actor, Agent, Attachment, Context, Result, Statement, StatementObject, SubStatement } from '../types.js';
import { normaliseMbox } from './agent-ifi.js';

export interface EquivalenceOptions {
  /**
   * Leave the attachments array out of the comparison, e.g. when checking a signed statement
   * against its JWS payload, which was serialised before the signature attachment was added.
   */
  ignoreAttachments?: boolean;
}

/**
 * Statement Comparison Requirements (xAPI Data 2.3.1.s9): differences that the exceptions to
 * immutability (2.3.1) could cause are ignored, all others count. Ignored:
 * - id, timestamp when only one side has them (the LRS assigns them), and version, stored and
 *   authority (the LRS sets or overwrites them) (2.3.1.b1);
 * - Activity definitions and Verb display (2.3.1.b2, b3);
 * - timestamp serialisation: time zone and precision below 1 ms (2.3.1.b4, 4.5.s1.b5, b7);
 * - the order of Group members (2.3.1.b5);
 * - case where the spec makes it irrelevant: email domains, UUID and hash hex digits, language
 *   tags (2.3.1.b7);
 * - single context activities versus arrays of one (the LRS MUST return arrays, 2.4.6.2.s4);
 * - an absent objectType versus its default (Activity for objects, Agent for actors);
 * - duration precision beyond 0.01 s (4.6.s1.b5); otherwise durations compare as strings (2.3.1.b8).
 * Key order never matters (JSON objects are unordered).
 */
export function statementsAreEquivalent(a: Statement, b: Statement, options: EquivalenceOptions = {}): boolean {
  if (a.id !== undefined && b.id !== undefined && a.id.toLowerCase() !== b.id.toLowerCase()) return false;
  if (a.timestamp !== undefined && b.timestamp !== undefined && !sameInstant(a.timestamp, b.timestamp)) return false;
  return deepEqual(comparableCore(a, options), comparableCore(b, options));
}

/** Two timestamps name the same point in time, to the millisecond (4.5.s1.b7 allows rounding). */
export function sameInstant(a: string, b: string): boolean {
  if (a === b) return true;
  const x = parseTimestamp(a) ?? parseTimestamp(a, '2.0.0');
  const y = parseTimestamp(b) ?? parseTimestamp(b, '2.0.0');
  return x !== undefined && y !== undefined && Math.abs(x.epochMs - y.epochMs) < 1;
}

type Comparable = unknown;

function comparableCore(statement: Statement | SubStatement, options: EquivalenceOptions): Record<string, Comparable> {
  const out: Record<string, Comparable> = {
    actor: comparableActor(statement.actor),
    verb: { id: statement.verb?.id },
    object: comparableObject(statement.object, options),
  };
  if (statement.result !== undefined) out.result = comparableResult(statement.result);
  if (statement.context !== undefined) out.context = comparableContext(statement.context);
  if (!options.ignoreAttachments && statement.attachments !== undefined) {
    out.attachments = statement.attachments.map(comparableAttachment);
  }
  return out;
}

function comparableObject(object: StatementObject, options: EquivalenceOptions): Comparable {
  switch (object?.objectType) {
    case undefined:
    case 'Activity':
      return { objectType: 'Activity', id: object.id };
    case 'Agent':
    case 'Group':
      return comparableActor(object);
    case 'StatementRef':
      return { objectType: 'StatementRef', id: object.id?.toLowerCase() };
    case 'SubStatement': {
      const sub = comparableCore(object, options);
      sub.objectType = 'SubStatement';
      // A SubStatement's timestamp is never assigned by the LRS, so both or neither must have it.
      if (object.timestamp !== undefined) sub.timestamp = instantKey(object.timestamp);
      return sub;
    }
    default:
      return object;
  }
}

function comparableActor(actor: Actor | undefined): Comparable {
  if (actor === undefined || actor === null) return actor;
  const out: Record<string, Comparable> = { objectType: actor.objectType ?? 'Agent' };
  if (actor.name !== undefined) out.name = actor.name;
  const ifi = actor as Agent;
  if (ifi.mbox !== undefined) out.mbox = normaliseMbox(ifi.mbox);
  if (ifi.mbox_sha1sum !== undefined) out.mbox_sha1sum = ifi.mbox_sha1sum.toLowerCase();
  if (ifi.openid !== undefined) out.openid = ifi.openid;
  if (ifi.account !== undefined) out.account = ifi.account;
  if ('member' in actor && Array.isArray(actor.member)) {
    out.member = actor.member.map(comparableActor).sort(byJson);
  }
  return out;
}

function comparableResult(result: Result): Comparable {
  if (result.duration === undefined) return result;
  return { ...result, duration: truncateDuration(result.duration) };
}

function comparableContext(context: Context): Comparable {
  const out: Record<string, Comparable> = { ...context };
  if (context.registration !== undefined) out.registration = context.registration.toLowerCase();
  if (context.language !== undefined) out.language = context.language.toLowerCase();
  if (context.instructor !== undefined) out.instructor = comparableActor(context.instructor);
  if (context.team !== undefined) out.team = comparableActor(context.team);
  if (context.statement !== undefined)
    out.statement = { objectType: 'StatementRef', id: context.statement.id?.toLowerCase() };
  if (context.contextActivities !== undefined) {
    const activities: Record<string, Comparable> = {};
    for (const [kind, value] of Object.entries(context.contextActivities)) {
      const list = Array.isArray(value) ? value : [value];
      activities[kind] = list.map((activity) => ({ objectType: 'Activity', id: activity?.id }));
    }
    out.contextActivities = activities;
  }
  if (context.contextAgents !== undefined) {
    out.contextAgents = context.contextAgents.map((ca) => ({ ...ca, agent: comparableActor(ca.agent) }));
  }
  if (context.contextGroups !== undefined) {
    out.contextGroups = context.contextGroups.map((cg) => ({ ...cg, group: comparableActor(cg.group) }));
  }
  return out;
}

function comparableAttachment(attachment: Attachment): Comparable {
  return {
    ...attachment,
    display: lowerCaseKeys(attachment.display),
    ...(attachment.description === undefined ? {} : { description: lowerCaseKeys(attachment.description) }),
    sha2: typeof attachment.sha2 === 'string' ? attachment.sha2.toLowerCase() : attachment.sha2,
  };
}

function lowerCaseKeys(map: Record<string, string> | undefined): Comparable {
  if (map === undefined || map === null) return map;
  const out: Record<string, string> = {};
  for (const [key, value] of Object.entries(map)) out[key.toLowerCase()] = value;
  return out;
}

function instantKey(timestamp: string): Comparable {
  const parsed = parseTimestamp(timestamp) ?? parseTimestamp(timestamp, '2.0.0');
  return parsed === undefined ? timestamp : Math.round(parsed.epochMs);
}

function byJson(a: Comparable, b: Comparable): number {
  const x = stableStringify(a);
  const y = stableStringify(b);
  return x < y ? -1 : x > y ? 1 : 0;
}

/** JSON with object keys sorted, so equal values give equal strings. */
export function stableStringify(value: unknown): string {
  if (value === null || typeof value !== 'object') return JSON.stringify(value) ?? 'undefined';
  if (Array.isArray(value)) return `[${value.map(stableStringify).join(',')}]`;
  const keys = Object.keys(value)
    .filter((key) => (value as Record<string, unknown>)[key] !== undefined)
    .sort();
  return `{${keys.map((key) => `${JSON.stringify(key)}:${stableStringify((value as Record<string, unknown>)[key])}`).join(',')}}`;
}

/** Structural equality of JSON values; object key order is ignored, array order is not. */
export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  if (Array.isArray(a) !== Array.isArray(b)) return false;
  if (Array.isArray(a)) {
    const other = b as unknown[];
    if (a.length !== other.length) return false;
    for (let i = 0; i < a.length; i++) if (!deepEqual(a[i], other[i])) return false;
    return true;
  }
  const x = a as Record<string, unknown>;
  const y = b as Record<string, unknown>;
  const keysX = Object.keys(x).filter((key) => x[key] !== undefined);
  const keysY = Object.keys(y).filter((key) => y[key] !== undefined);
  if (keysX.length !== keysY.length) return false;
  for (const key of keysX) if (!Object.hasOwn(y, key) || !deepEqual(x[key], y[key])) return false;
  return true;
}
