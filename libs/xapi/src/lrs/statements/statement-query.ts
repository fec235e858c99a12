import { agentIfi } from '../../statement-model/helpers/agent-ifi.js';
import type { StatementFormat } from '../../statement-model/helpers/format.js';
import { isIri } from '../../statement-model/formats/iri.js';
import { parseTimestamp } from '../../statement-model/formats/timestamp.js';
import { isUuid } from '../../statement-model/formats/uuid.js';
import type { XapiVersion } from '../../statement-model/types.js';
import { validateStatement } from '../../statement-model/validation/statement.js';
import { formatIssues } from '../../statement-model/validation/issues.js';
import { badRequest } from '../http/xapi-errors.js';
import { activityKey, agentKey, registrationKey, verbKey } from './statement-index-keys.js';

/** The largest page; `limit=0` or no limit means this many (Communication 2.1.3 `limit`). */
export const MAX_PAGE_SIZE = 100;

const QUERY_PARAMETERS = [
  'agent',
  'verb',
  'activity',
  'registration',
  'related_activities',
  'related_agents',
  'since',
  'until',
  'limit',
  'format',
  'attachments',
  'ascending',
] as const;
const SINGLE_PARAMETERS = ['statementId', 'voidedStatementId', 'attachments', 'format'] as const;
const ALL_PARAMETERS = new Set<string>([...QUERY_PARAMETERS, ...SINGLE_PARAMETERS, 'more']);
const LOWER_CASE_NAMES = new Map([...ALL_PARAMETERS].map((p) => [p.toLowerCase(), p]));

export interface StatementFilter {
  /** Index keys every result must carry (see statement-index-keys.ts). */
  keys: string[];
  /** Exclusive lower bound of `stored` (ISO), and inclusive upper bound. */
  since?: string;
  until?: string;
  ascending: boolean;
}

export interface StatementQuery {
  kind: 'query';
  filter: StatementFilter;
  limit: number;
  format: StatementFormat;
  attachments: boolean;
  /** Continue after this seq (exclusive) in the query's order; set by a `more` token. */
  after?: number;
  /** Never beyond this seq: fixed at the first page, so later pages do not shift when statements arrive. */
  bound?: number;
}

export interface SingleStatementQuery {
  kind: 'single';
  statementId: string;
  voided: boolean;
  format: StatementFormat;
  attachments: boolean;
}

type Params = Record<string, string | string[] | undefined>;

/**
 * Reads GET /xapi/statements parameters. Unknown parameters, parameters differing from a known one
 * in case only, repeated parameters and malformed values are rejected (Communication 3.2.s3.b7-b8).
 */
export function parseStatementQuery(params: Params, version: XapiVersion): StatementQuery | SingleStatementQuery {
  const values = singleValues(params);
  if (values.statementId !== undefined || values.voidedStatementId !== undefined) return parseSingle(values);
  const filter: StatementFilter = { keys: [], ascending: parseBoolean(values, 'ascending') };
  const relatedAgents = parseBoolean(values, 'related_agents');
  const relatedActivities = parseBoolean(values, 'related_activities');
  if (values.agent !== undefined) filter.keys.push(agentKey(parseAgent(values.agent, version), !relatedAgents));
  if (values.verb !== undefined) filter.keys.push(verbKey(parseIri(values.verb, 'verb')));
  if (values.activity !== undefined)
    filter.keys.push(activityKey(parseIri(values.activity, 'activity'), !relatedActivities));
  if (values.registration !== undefined) {
    if (!isUuid(values.registration)) throw badRequest('registration parameter: must be a UUID (Communication 2.1.3)');
    filter.keys.push(registrationKey(values.registration));
  }
  if (values.since !== undefined) filter.since = parseTime(values.since, 'since', version);
  if (values.until !== undefined) filter.until = parseTime(values.until, 'until', version);
  return {
    kind: 'query',
    filter,
    limit: parseLimit(values.limit),
    format: parseFormat(values.format),
    attachments: parseBoolean(values, 'attachments'),
  };
}

function parseSingle(values: Record<string, string>): SingleStatementQuery {
  if (values.statementId !== undefined && values.voidedStatementId !== undefined) {
    throw badRequest(
      'statementId and voidedStatementId parameters: only one of them may be given (Communication 2.1.3.s2.b1)',
    );
  }
  const extra = Object.keys(values).filter((k) => !(SINGLE_PARAMETERS as readonly string[]).includes(k));
  if (extra.length > 0) {
    throw badRequest(
      `${extra[0]} parameter: not allowed with statementId or voidedStatementId; only attachments and format are (Communication 2.1.3.s2.b2)`,
    );
  }
  const name = values.statementId !== undefined ? 'statementId' : 'voidedStatementId';
  const id = values[name];
  if (!isUuid(id)) throw badRequest(`${name} parameter: must be a UUID (Data 4.4)`);
  return {
    kind: 'single',
    statementId: id.toLowerCase(),
    voided: name === 'voidedStatementId',
    format: parseFormat(values.format),
    attachments: parseBoolean(values, 'attachments'),
  };
}

function singleValues(params: Params): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) continue;
    if (!ALL_PARAMETERS.has(name)) {
      const known = LOWER_CASE_NAMES.get(name.toLowerCase());
      throw badRequest(
        known
          ? `${name} parameter: parameter names are case-sensitive; did you mean ${known}? (Communication 3.2.s3.b8)`
          : `${name} parameter: not a parameter of the Statement resource (Communication 3.2.s3.b7)`,
      );
    }
    if (Array.isArray(value)) throw badRequest(`${name} parameter: given more than once`);
    out[name] = value;
  }
  return out;
}

function parseAgent(text: string, version: XapiVersion): string {
  let agent: unknown;
  try {
    agent = JSON.parse(text);
  } catch {
    throw badRequest('agent parameter: must be an Agent or Identified Group as JSON (Communication 2.1.3)');
  }
  const objectType = (agent as { objectType?: unknown })?.objectType;
  // Validate as the actor of a minimal statement, so the message names the agent's own rule.
  const probe = { actor: agent, verb: { id: 'http://example.com/v' }, object: { id: 'http://example.com/a' } };
  const issues = validateStatement(probe, { version }).filter((i) => i.path.startsWith('actor'));
  if (issues.length > 0)
    throw badRequest(
      formatIssues(
        issues.map((i) => ({ ...i, path: i.path.slice('actor'.length).replace(/^\./, '') })),
        'agent parameter',
      ),
    );
  const ifi = agentIfi(agent as never);
  if (!ifi || (objectType !== undefined && objectType !== 'Agent' && objectType !== 'Group')) {
    throw badRequest(
      'agent parameter: must be an Agent or Identified Group with exactly one inverse functional identifier (Communication 2.1.3)',
    );
  }
  return ifi;
}

function parseIri(value: string, name: string): string {
  if (!isIri(value)) throw badRequest(`${name} parameter: must be an IRI (Data 4.3)`);
  return value;
}

function parseTime(value: string, name: string, version: XapiVersion): string {
  const parsed = parseTimestamp(value, version) ?? parseTimestamp(value, '1.0.3');
  if (!parsed) throw badRequest(`${name} parameter: must be an ISO 8601 timestamp (Data 4.5)`);
  return new Date(Math.floor(parsed.epochMs)).toISOString();
}

function parseLimit(value: string | undefined): number {
  if (value === undefined) return MAX_PAGE_SIZE;
  if (!/^\d+$/.test(value)) throw badRequest('limit parameter: must be a nonnegative integer (Communication 2.1.3)');
  const limit = Number(value);
  return limit === 0 ? MAX_PAGE_SIZE : Math.min(limit, MAX_PAGE_SIZE);
}

function parseFormat(value: string | undefined): StatementFormat {
  if (value === undefined) return 'exact';
  if (value === 'ids' || value === 'exact' || value === 'canonical') return value;
  throw badRequest('format parameter: must be ids, exact or canonical (Communication 2.1.3)');
}

function parseBoolean(values: Record<string, string>, name: string): boolean {
  const value = values[name];
  if (value === undefined) return false;
  if (value === 'true') return true;
  if (value === 'false') return false;
  throw badRequest(`${name} parameter: must be true or false (Communication 2.1.3)`);
}

/** The `more` token: the query and where the next page starts. Opaque to clients. */
export function encodeMoreToken(query: StatementQuery, after: number, bound: number): string {
  const payload = {
    k: query.filter.keys,
    s: query.filter.since,
    u: query.filter.until,
    a: query.filter.ascending ? 1 : 0,
    l: query.limit,
    f: query.format,
    t: query.attachments ? 1 : 0,
    x: after,
    b: bound,
  };
  return Buffer.from(JSON.stringify(payload)).toString('base64url');
}

export function decodeMoreToken(token: string): StatementQuery {
  try {
    const p = JSON.parse(Buffer.from(token, 'base64url').toString('utf8')) as Record<string, unknown>;
    const keys = p.k as unknown;
    if (!Array.isArray(keys) || !keys.every((k) => typeof k === 'string' && !k.includes('\u0000')))
      throw new Error('keys');
    if (!Number.isSafeInteger(p.x) || !Number.isSafeInteger(p.b) || !Number.isSafeInteger(p.l))
      throw new Error('numbers');
    // A token is opaque, but a forged one reaches SQL: since and until must be what parseTime wrote.
    if (!isTokenTime(p.s) || !isTokenTime(p.u)) throw new Error('times');
    const format = p.f === 'ids' || p.f === 'canonical' ? p.f : 'exact';
    return {
      kind: 'query',
      filter: {
        keys,
        since: typeof p.s === 'string' ? p.s : undefined,
        until: typeof p.u === 'string' ? p.u : undefined,
        ascending: p.a === 1,
      },
      limit: Math.min(Math.max(Number(p.l), 1), MAX_PAGE_SIZE),
      format,
      attachments: p.t === 1,
      after: Number(p.x),
      bound: Number(p.b),
    };
  } catch {
    throw badRequest('more parameter: not a token this LRS issued (use the "more" IRL of a StatementResult as given)');
  }
}

/**
 * Absent, or an instant as parseTime writes it (toISOString gives it back unchanged, so no 30 February
 * that Date.parse rolls over) in a year PostgreSQL stores (not 0000).
 */
function isTokenTime(value: unknown): boolean {
  if (value === undefined) return true;
  if (
    typeof value !== 'string' ||
    !/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z$/.test(value) ||
    value.startsWith('0000')
  )
    return false;
  const instant = new Date(value);
  return !Number.isNaN(instant.getTime()) && instant.toISOString() === value;
}
