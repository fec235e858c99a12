import { createHash, randomUUID } from 'node:crypto';
import type { TestApp } from './app.js';

export const sha256 = (content: Buffer) => createHash('sha256').update(content).digest('hex');

/** A statement from a new learner with one PDF attachment of the given content, sent as a part of its own. */
export function statementWith(
  content: Buffer,
  { id = randomUUID(), verb = 'http://adlnet.gov/expapi/verbs/attached' } = {},
) {
  return {
    id,
    actor: { objectType: 'Agent', mbox: `mailto:${randomUUID()}@example.org` },
    verb: { id: verb, display: { 'en-GB': 'attached' } },
    object: { id: 'http://example.org/evidence/scan' },
    attachments: [
      {
        usageType: 'http://id.tincanapi.com/attachment/supporting_media',
        display: { 'en-GB': 'scanned certificate' },
        contentType: 'application/pdf',
        length: content.length,
        sha2: sha256(content),
      },
    ],
  };
}

/** `statement` wrapped: its actor, verb, object and attachments become a SubStatement, its object. */
export function asSubStatement(statement: ReturnType<typeof statementWith>) {
  const { actor, verb, object, attachments } = statement;
  return { ...statement, object: { objectType: 'SubStatement', actor, verb, object, attachments } };
}

const BOUNDARY = 'attachment-boundary';
const lrsAuth = (app: TestApp) => `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`;

/** POST /xapi/statements of one statement with its attachment content as a part, as the bootstrap client. */
export function postWithAttachment(app: TestApp, statement: unknown, content: Buffer) {
  const body = Buffer.concat([
    Buffer.from(`--${BOUNDARY}\r\nContent-Type: application/json\r\n\r\n${JSON.stringify(statement)}\r\n`),
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Type: application/pdf\r\nContent-Transfer-Encoding: binary\r\n` +
        `X-Experience-API-Hash: ${sha256(content)}\r\n\r\n`,
    ),
    content,
    Buffer.from(`\r\n--${BOUNDARY}--\r\n`),
  ]);
  return fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: {
      authorization: lrsAuth(app),
      'x-experience-api-version': '1.0.3',
      'content-type': `multipart/mixed; boundary=${BOUNDARY}`,
    },
    body,
  });
}

/** GET of one statement with its attachments (a multipart answer), as the bootstrap client. */
export async function storedWithAttachments(app: TestApp, id: string): Promise<{ status: number; body: Buffer }> {
  const response = await fetch(`${app.baseUrl}/xapi/statements?statementId=${id}&attachments=true`, {
    headers: { authorization: lrsAuth(app), 'x-experience-api-version': '1.0.3' },
  });
  return { status: response.status, body: Buffer.from(await response.arrayBuffer()) };
}
