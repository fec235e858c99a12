import { agentIfi } from '../../../statement-model/helpers/agent-ifi.js';
import { isIri } from '../../../statement-model/formats/iri.js';
import { parseTimestamp } from '../../../statement-model/formats/timestamp.js';
import { isUuid } from '../../../statement-model/formats/uuid.js';
import type { Agent } from '../../../statement-model/types.js';
import { validateAgent } from '../../../statement-model/validation/agent.js';
import { formatIssues } from '../../../statement-model/validation/issues.js';
import { Walker } from '../../../statement-model/validation/walker.js';
import { badRequest } from '../../http/xapi-errors.js';
import type { XapiVersion } from '../../http/xapi-version.js';

/** The parsed query string: Fastify gives a repeated parameter as an array. */
export type Query = Record<string, string | string[] | undefined>;

/**
 * Rejects parameters the resource does not define for this request (Communication 3.2.s3.b7) and
 * names that match a defined one in all but case (3.2.s3.b8), so a typo is never silently ignored.
 */
export function checkParameterNames(query: Query, allowed: readonly string[], where: string): void {
  for (const name of Object.keys(query)) {
    if (allowed.includes(name)) continue;
    const sameButCase = allowed.find((known) => known.toLowerCase() === name.toLowerCase());
    if (sameButCase) {
      throw badRequest(
        `${name} parameter: parameter names are case-sensitive; use "${sameButCase}" (Communication 3.2.s3.b8)`,
      );
    }
    throw badRequest(
      `${name} parameter: not allowed in ${where}; allowed: ${allowed.join(', ')} (Communication 3.2.s3.b7)`,
    );
  }
}

/** A parameter's single value; undefined when absent. */
export function optionalParam(query: Query, name: string): string | undefined {
  const value = query[name];
  if (Array.isArray(value)) throw badRequest(`${name} parameter: given ${value.length} times; it must be given once`);
  return value;
}

export function requiredParam(query: Query, name: string, section: string): string {
  const value = optionalParam(query, name);
  if (value === undefined) throw badRequest(`${name} parameter: required (${section})`);
  return value;
}

/** stateId / profileId: any string, but an empty one cannot name a document. */
export function documentIdParam(query: Query, name: 'stateId' | 'profileId', section: string): string {
  const value = requiredParam(query, name, section);
  if (value.length === 0) throw badRequest(`${name} parameter: must not be empty (${section})`);
  return value;
}

export function activityIdParam(query: Query, section: string): string {
  const value = requiredParam(query, 'activityId', section);
  if (!isIri(value))
    throw badRequest(
      `activityId parameter: must be an IRI with a scheme, e.g. "http://example.com/activity" (${section}; xAPI Data 4.3)`,
    );
  return value;
}

/** The Agent and its canonical identifier; an Agent, never a Group (Communication 2.3.s3, 2.6.s3 note). */
export function agentParam(query: Query, version: XapiVersion, section: string): { agent: Agent; ifi: string } {
  const raw = requiredParam(query, 'agent', section);
  let agent: unknown;
  try {
    agent = JSON.parse(raw);
  } catch {
    throw badRequest(`agent parameter: must be an Agent object as JSON (not valid JSON) (${section})`);
  }
  const issues = agentIssues(agent, version);
  if (issues) throw badRequest(`agent parameter: ${issues} (${section})`);
  const ifi = agentIfi(agent as Agent);
  if (!ifi)
    throw badRequest(
      `agent parameter: must have exactly one inverse functional identifier (${section}; xAPI Data 2.4.2.1)`,
    );
  return { agent: agent as Agent, ifi };
}

function agentIssues(agent: unknown, version: XapiVersion): string | undefined {
  const walker = new Walker();
  walker.reset(version);
  validateAgent(walker, agent);
  return walker.issues.length > 0 ? formatIssues(walker.issues, 'agent') : undefined;
}

/** Registrations are UUIDs (xAPI Data 4.4); stored lower-case so case does not split a context. */
export function registrationParam(query: Query, section: string): string | undefined {
  const value = optionalParam(query, 'registration');
  if (value === undefined) return undefined;
  if (!isUuid(value))
    throw badRequest(
      `registration parameter: must be a UUID, e.g. "fd41c918-b88b-4b20-a0a5-a4c32391aaa0" (${section}; xAPI Data 4.4)`,
    );
  return value.toLowerCase();
}

/** `since`: an xAPI timestamp (exclusive lower bound on when documents were stored or updated). */
export function sinceParam(query: Query, version: XapiVersion, section: string): Date | undefined {
  const value = optionalParam(query, 'since');
  if (value === undefined) return undefined;
  const parsed = parseTimestamp(value, version);
  if (!parsed) {
    const form = version === '2.0.0' ? 'an RFC 3339 timestamp with an offset' : 'an ISO 8601 timestamp';
    throw badRequest(`since parameter: must be ${form}, e.g. "2024-05-01T12:00:00.000Z" (${section}; xAPI Data 4.5)`);
  }
  return new Date(parsed.epochMs);
}
