import { createHash } from 'node:crypto';
import { type Agent, agentIfi, ifiOf, unstorableTextPath, validateStatement } from '#libs/xapi';
import { invalid } from './errors.js';
import type { WorkerIdentifier } from './events.js';

/** The xAPI identifier of an Agent as the worker record keeps it: canonical text plus the identifier part. */
export function identifierOf(agent: unknown): WorkerIdentifier | undefined {
  if (typeof agent !== 'object' || agent === null) return undefined;
  if ((agent as { objectType?: unknown }).objectType === 'Group') return undefined;
  const ifi = agentIfi(agent as Agent);
  return ifi === undefined ? undefined : { ifi, agent: ifiOf(agent as Agent) as Record<string, unknown> };
}

/**
 * Parses an identifier sent to /api, checking it by the xAPI rules for Agents (a well-formed mbox, a
 * 40-digit hex mbox_sha1sum, an absolute openid, an account with homePage and name; exactly one of them).
 */
export function parseIdentifier(value: unknown, field: string): WorkerIdentifier {
  const checked = checkIdentifier(value);
  if ('identifier' in checked) return checked.identifier;
  return invalid([field, ...checked.problem.path].join('.'), checked.problem.rule);
}

export const NOT_AN_AGENT = 'must be an xAPI Agent object with one of mbox, mbox_sha1sum, openid, account';

/** The problem with an identifier, its path within the Agent (`['account', 'name']`), or the identifier. */
export type CheckedIdentifier = { identifier: WorkerIdentifier } | { problem: { path: string[]; rule: string } };

export function checkIdentifier(value: unknown): CheckedIdentifier {
  if (typeof value !== 'object' || value === null || Array.isArray(value))
    return { problem: { path: [], rule: NOT_AN_AGENT } };
  const probe = {
    actor: { ...(value as object), objectType: 'Agent' },
    verb: { id: 'http://adlnet.gov/expapi/verbs/experienced' },
    object: { id: 'urn:continuum:identifier-check' },
  };
  const issues = validateStatement(probe, { version: '2.0.0' }).filter((i) => i.path.startsWith('actor'));
  const first = issues[0];
  if (first) {
    const rule = first.rule + (first.section ? ` (${first.section})` : '');
    return { problem: { path: first.path.split('.').slice(1), rule } };
  }
  const identifier = identifierOf(value);
  if (!identifier)
    return { problem: { path: [], rule: 'must have exactly one of mbox, mbox_sha1sum, openid, account' } };
  return { identifier };
}

/** Parses `?agent=<JSON>` as the xAPI statements resource does. */
export function parseAgentParameter(value: unknown): WorkerIdentifier {
  if (typeof value !== 'string' || value.length === 0) return invalid('agent', 'is required: an xAPI Agent as JSON');
  let parsed: unknown;
  try {
    parsed = JSON.parse(value);
  } catch {
    return invalid('agent', 'must be an xAPI Agent as JSON');
  }
  // The JSON may spell U+0000 as an escape, which the query's own check cannot see.
  const unstorable = unstorableTextPath(parsed, 'agent');
  if (unstorable) return invalid(unstorable, 'holds U+0000 or an unpaired UTF-16 surrogate, which cannot be stored');
  return parseIdentifier(parsed, 'agent');
}

/**
 * The id of a worker first seen as the actor of a statement: derived from the identifier (a UUID v5), so
 * the read model, a rebuild of it and a later registration through /api all arrive at the same worker.
 */
export function workerIdFor(ifi: string): string {
  const hash = createHash('sha1').update(WORKER_NAMESPACE).update(ifi, 'utf8').digest();
  hash[6] = (hash[6]! & 0x0f) | 0x50;
  hash[8] = (hash[8]! & 0x3f) | 0x80;
  const hex = hash.subarray(0, 16).toString('hex');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

// A fixed namespace UUID for workers (its bytes), so ids stay the same across processes and rebuilds.
const WORKER_NAMESPACE = Buffer.from('4f1c0b2e8a3d4e6f9b7c1d2e3f405162', 'hex');
