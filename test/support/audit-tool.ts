import { randomUUID } from 'node:crypto';
import {
  allAuditQuestions,
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_VERBS as V,
  organisationalCapabilities,
} from '#libs/framework';
import type { TestApp } from './app.js';
import { ok } from './http-api.js';

/**
 * What the self-audit tests send as an audit tool (an LRS client) would: the CLF profile's self-audit
 * statements about the first organisational capability, over HTTP Basic to /xapi.
 */
export const firstCapability = organisationalCapabilities[0]!;
/** The first organisation indicator of its first stage (engaged). */
export const firstOrganisationIndicator = firstCapability.stages[0]!.organisationIndicators[0]!;
/** Its first area for reflection's first question. */
export const firstQuestion = allAuditQuestions.find((q) => q.capabilityId === firstCapability.id)!;

export interface Credentials {
  key: string;
  secret: string;
}

export const basicAuth = ({ key, secret }: Credentials): string =>
  `Basic ${Buffer.from(`${key}:${secret}`).toString('base64')}`;

/** An LRS client of the organisation, registered by the platform admin: its key and secret. */
export const registerLrsClient = (app: TestApp, organisationId: string, scopes: string[] = ['all']) =>
  ok(app, app.adminToken, 'POST', '/api/admin/lrs-clients', {
    name: `Audit tool of ${organisationId}`,
    organisationId,
    scopes,
  }) as Promise<Credentials>;

/** POST of a body to /xapi/<resource> with an authorization, whatever the answer. */
export async function postToLrs(
  app: TestApp,
  authorization: string,
  body: unknown,
  { resource = 'statements', version = '2.0.0' }: { resource?: string; version?: string } = {},
): Promise<{ status: number; text: string }> {
  const response = await fetch(`${app.baseUrl}/xapi/${resource}`, {
    method: 'POST',
    headers: { authorization, 'x-experience-api-version': version, 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: response.status, text: await response.text() };
}

interface AuditStatementOf {
  auditId: string;
  organisationId: string;
  actor: object;
  timestamp: string;
}

/** The CLF profile's answer to `firstQuestion` in a cycle (registration = the cycle, organisation extension). */
export const auditAnswer = ({
  auditId,
  organisationId,
  actor,
  timestamp,
  response,
}: AuditStatementOf & { response: string }) => ({
  id: randomUUID(),
  actor,
  verb: { id: V.answered },
  object: { id: firstQuestion.iri, definition: { type: T.auditQuestion } },
  result: { response },
  context: { registration: auditId, extensions: { [X.organisation]: organisationId } },
  timestamp,
});

/** The CLF profile's self-assessment of `firstOrganisationIndicator` in a cycle, with its evidence when given. */
export const auditSelfAssessment = ({
  auditId,
  organisationId,
  actor,
  timestamp,
  achieved,
  evidence,
}: AuditStatementOf & { achieved: boolean; evidence?: string }) => ({
  id: randomUUID(),
  actor,
  verb: { id: V.selfAssessed },
  object: { id: firstOrganisationIndicator.iri, definition: { type: T.indicator } },
  result: { success: achieved, ...(evidence === undefined ? {} : { response: evidence }) },
  context: { registration: auditId, extensions: { [X.organisation]: organisationId } },
  timestamp,
});
