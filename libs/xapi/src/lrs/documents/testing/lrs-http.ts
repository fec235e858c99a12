import { waitForProjections, type TestApp } from '../../../../../../test/support/app.js';
import { ACTIVITIES_PROJECTION } from '../../activities/activities.projection.js';
import { AGENTS_PROJECTION } from '../../agents/agents.projection.js';
import type { LrsScope } from '../../auth/lrs-principal.js';
import { registerOrganisation } from '../../../../../../test/support/organisations.js';

/** Test helpers for calling /xapi over real HTTP. */

export interface Credentials {
  key: string;
  secret: string;
}

export interface LrsCall {
  query?: Record<string, string | object | undefined>;
  body?: string | Buffer | object;
  contentType?: string;
  headers?: Record<string, string>;
  /** X-Experience-API-Version; default 1.0.3. */
  version?: string;
  auth?: Credentials;
}

export interface LrsResponse {
  status: number;
  headers: Headers;
  body: Buffer;
  text: string;
  json<T = unknown>(): T;
  /** The message of an xAPI error response. */
  message: string;
}

export function bootstrap(app: TestApp): Credentials {
  return { key: app.lrsKey, secret: app.lrsSecret };
}

export function basicAuth(app: TestApp, credentials: Credentials = bootstrap(app)): string {
  return `Basic ${Buffer.from(`${credentials.key}:${credentials.secret}`).toString('base64')}`;
}

export function queryString(query: LrsCall['query'] = {}): string {
  const params = new URLSearchParams();
  for (const [name, value] of Object.entries(query)) {
    if (value !== undefined) params.append(name, typeof value === 'string' ? value : JSON.stringify(value));
  }
  const text = params.toString();
  return text ? `?${text}` : '';
}

export async function lrs(app: TestApp, method: string, path: string, call: LrsCall = {}): Promise<LrsResponse> {
  const headers: Record<string, string> = {
    authorization: basicAuth(app, call.auth),
    'x-experience-api-version': call.version ?? '1.0.3',
    ...call.headers,
  };
  let body: string | Buffer | undefined;
  if (call.body !== undefined) {
    body = typeof call.body === 'string' || Buffer.isBuffer(call.body) ? call.body : JSON.stringify(call.body);
    headers['content-type'] =
      call.contentType ??
      (typeof call.body === 'object' && !Buffer.isBuffer(call.body) ? 'application/json' : 'application/octet-stream');
  }
  const response = await fetch(`${app.baseUrl}${path}${queryString(call.query)}`, { method, headers, body });
  const bytes = Buffer.from(await response.arrayBuffer());
  const text = bytes.toString('utf8');
  return {
    status: response.status,
    headers: response.headers,
    body: bytes,
    text,
    json: <T>() => JSON.parse(text) as T,
    get message() {
      try {
        return (JSON.parse(text) as { error?: { message?: string } }).error?.message ?? text;
      } catch {
        return text;
      }
    },
  };
}

/** A client registered through the admin API. */
export async function createClient(app: TestApp, scopes: LrsScope[], organisationId = 'default'): Promise<Credentials> {
  if (organisationId !== 'default') await registerOrganisation(app, organisationId);
  const response = await fetch(`${app.baseUrl}/api/admin/lrs-clients`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ name: `test client ${scopes.join(' ')}`, organisationId, scopes }),
  });
  if (response.status !== 201) throw new Error(`creating an LRS client: ${response.status} ${await response.text()}`);
  const created = (await response.json()) as { key: string; secret: string };
  return { key: created.key, secret: created.secret };
}

export const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Waits for the read models the Activities and Agents resources read (not for the other projections). */
export async function waitForActivitiesAndAgents(app: TestApp): Promise<void> {
  const mine = app.runtime.projections.filter((p) => p.name === ACTIVITIES_PROJECTION || p.name === AGENTS_PROJECTION);
  await waitForProjections({ ...app.runtime, projections: mine });
}
