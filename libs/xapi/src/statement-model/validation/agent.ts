import { isMailtoIri, isSha1Hex } from '../formats/iri.js';
import { S } from './sections.js';
import { arrayAt, iriAt, irlAt, objectAt, onlyKnownKeys, required, stringAt, type JsonObject } from './values.js';
import { visit, type Walker } from './walker.js';

const AGENT_KEYS: ReadonlySet<string> = new Set(['objectType', 'name', 'mbox', 'mbox_sha1sum', 'openid', 'account']);
const GROUP_KEYS: ReadonlySet<string> = new Set([...AGENT_KEYS, 'member']);
const ACCOUNT_KEYS: ReadonlySet<string> = new Set(['homePage', 'name']);

/** Actor, instructor: an Agent (objectType optional) or a Group (objectType "Group"). */
export function validateActor(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.agent)) return;
  const type = value.objectType;
  if (type === undefined || type === 'Agent') agentBody(w, value);
  else if (type === 'Group') groupBody(w, value);
  else badObjectType(w, type, '"Agent" or "Group"', S.agent);
}

/** An Agent or Group used as a statement's object MUST say which it is (xAPI Data 2.4.4.2). */
export function validateAgentOrGroupObject(w: Walker, value: JsonObject): void {
  if (value.objectType === 'Agent') agentBody(w, value);
  else groupBody(w, value);
}

/** A Group member, a contextAgent's agent: only an Agent will do. */
export function validateAgent(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.agent)) return;
  const type = value.objectType;
  if (type === undefined || type === 'Agent') agentBody(w, value);
  else if (type === 'Group') w.report('objectType', 'must be an Agent; a Group is not allowed here', S.group);
  else badObjectType(w, type, '"Agent"', S.agent);
}

/** Context team, a contextGroup's group: a Group, which must say so. */
export function validateGroup(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.group)) return;
  if (value.objectType === 'Group') groupBody(w, value);
  else if (value.objectType === undefined || value.objectType === 'Agent') {
    w.report('objectType', 'must be "Group" (an Agent is not allowed here)', S.group);
  } else badObjectType(w, value.objectType, '"Group"', S.group);
}

/**
 * An Agent, or for 3-legged OAuth an anonymous Group of exactly two Agents, the application and the
 * user (xAPI Data 2.4.9.s3.b1).
 */
export function validateAuthority(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.authority)) return;
  const type = value.objectType;
  if (type === undefined || type === 'Agent') {
    agentBody(w, value);
    return;
  }
  if (type !== 'Group') {
    badObjectType(w, type, '"Agent" or "Group"', S.authority);
    return;
  }
  const ifis = groupBody(w, value);
  if (ifis > 0)
    w.report(null, 'an authority Group must be anonymous (an OAuth application and user, no identifier)', S.authority);
  if (Array.isArray(value.member) && value.member.length !== 2) {
    w.report('member', 'an authority Group must have exactly two Agents', S.authority);
  }
}

function agentBody(w: Walker, agent: JsonObject): void {
  onlyKnownKeys(w, agent, AGENT_KEYS, 'an Agent', explainAgentKey);
  if (agent.name !== undefined) stringAt(w, 'name', agent.name, S.agent);
  const ifis = identifiers(w, agent);
  if (ifis === 0) {
    w.report(
      null,
      'an Agent must have exactly one inverse functional identifier (mbox, mbox_sha1sum, openid or account)',
      S.agent,
    );
  } else if (ifis > 1) {
    w.report(null, `an Agent must not have more than one inverse functional identifier (found ${ifis})`, S.agent);
  }
}

/** Returns the number of inverse functional identifiers, so callers can tell anonymous Groups. */
function groupBody(w: Walker, group: JsonObject): number {
  onlyKnownKeys(w, group, GROUP_KEYS, 'a Group');
  if (group.name !== undefined) stringAt(w, 'name', group.name, S.group);
  const ifis = identifiers(w, group);
  if (ifis > 1) {
    w.report(null, `an Identified Group must have exactly one inverse functional identifier (found ${ifis})`, S.group);
  }
  if (group.member !== undefined) {
    if (arrayAt(w, 'member', group.member, S.group)) {
      w.enter('member');
      for (let i = 0; i < group.member.length; i++) visit(w, i, group.member[i], validateAgent);
      w.leave();
      if (ifis === 0 && group.member.length === 0) {
        w.report('member', 'an Anonymous Group must list at least one member', S.group);
      }
    }
  } else if (ifis === 0) {
    w.report('member', 'is required for an Anonymous Group (a Group without an identifier)', S.group);
  }
  return ifis;
}

/** Checks whichever identifiers are present and counts them. */
function identifiers(w: Walker, actor: JsonObject): number {
  let count = 0;
  if (actor.mbox !== undefined) {
    count++;
    if (stringAt(w, 'mbox', actor.mbox, S.ifi) && !isMailtoIri(actor.mbox)) {
      w.report('mbox', 'must be a "mailto:" IRI of an email address', S.ifi);
    }
  }
  if (actor.mbox_sha1sum !== undefined) {
    count++;
    if (stringAt(w, 'mbox_sha1sum', actor.mbox_sha1sum, S.ifi) && !isSha1Hex(actor.mbox_sha1sum)) {
      w.report('mbox_sha1sum', 'must be a hex-encoded SHA-1 hash (40 hex digits)', S.ifi);
    }
  }
  if (actor.openid !== undefined) {
    count++;
    iriAt(w, 'openid', actor.openid, S.ifi);
  }
  if (actor.account !== undefined) {
    count++;
    visit(w, 'account', actor.account, validateAccount);
  }
  return count;
}

function validateAccount(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.account)) return;
  onlyKnownKeys(w, value, ACCOUNT_KEYS, 'an account');
  if (required(w, value, 'homePage', S.account)) irlAt(w, 'homePage', value.homePage, S.account);
  if (required(w, value, 'name', S.account)) stringAt(w, 'name', value.name, S.account);
}

function explainAgentKey(key: string): string | undefined {
  return key === 'member' ? 'is only allowed on a Group (set objectType to "Group")' : undefined;
}

export function badObjectType(w: Walker, type: unknown, expected: string, section: string): void {
  if (type === null) w.report('objectType', 'must not be null', S.formatting);
  else w.report('objectType', `must be ${expected} (exact case)`, section);
}
