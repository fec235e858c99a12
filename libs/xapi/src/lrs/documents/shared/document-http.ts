import type { FastifyReply, FastifyRequest } from 'fastify';
import type { LrsPrincipal } from '../../auth/lrs-principal.js';
import type { XapiVersion } from '../../http/xapi-version.js';
import { DEFAULT_CONTENT_TYPE, etagOf, type IncomingDocument } from './document-content.js';
import { notModified, type Preconditions } from './document-preconditions.js';
import type { DocumentIds, DocumentWriter, StoredDocument } from './document-store.service.js';
import type { Query } from './document-params.js';

export function queryOf(request: FastifyRequest): Query {
  return (request.query ?? {}) as Query;
}

export function versionOf(request: FastifyRequest): XapiVersion {
  return request.xapiVersion ?? '1.0.3';
}

export function writerOf(request: FastifyRequest, principal: LrsPrincipal): DocumentWriter {
  return { organisationId: principal.organisationId, actor: principal.key, version: versionOf(request) };
}

function header(request: FastifyRequest, name: string): string | undefined {
  const value = request.headers[name];
  return Array.isArray(value) ? value.join(', ') : value;
}

export function preconditionsOf(request: FastifyRequest): Preconditions {
  return { ifMatch: header(request, 'if-match'), ifNoneMatch: header(request, 'if-none-match') };
}

/** The body exactly as sent (JSON included), and its Content-Type as sent. */
export function incomingDocument(request: FastifyRequest): IncomingDocument {
  const body = request.body;
  const content = request.rawBody ?? (Buffer.isBuffer(body) ? body : Buffer.alloc(0));
  return { content, contentType: header(request, 'content-type') ?? DEFAULT_CONTENT_TYPE };
}

/** Single-document GET: the document as stored, its ETag and Last-Modified (Communication 2.2.s6, 3.1.s4). */
export async function sendDocument(
  request: FastifyRequest,
  reply: FastifyReply,
  document: StoredDocument,
): Promise<void> {
  reply.header('etag', `"${document.etag}"`).header('last-modified', document.updated.toUTCString());
  if (notModified(header(request, 'if-none-match'), document.etag)) {
    await reply.status(304).send();
    return;
  }
  await reply.status(200).header('content-type', document.contentType).send(document.content);
}

/** Multiple-document GET: a JSON array of ids, Last-Modified of the newest listed (2.2.s6.b2). */
export async function sendIds(reply: FastifyReply, list: DocumentIds): Promise<void> {
  if (list.lastModified) reply.header('last-modified', list.lastModified.toUTCString());
  await sendJson(reply, list.ids);
}

/** A JSON resource (Activity, Person) with an ETag of its bytes. */
export async function sendJson(reply: FastifyReply, value: unknown): Promise<void> {
  const body = Buffer.from(JSON.stringify(value), 'utf8');
  await reply
    .status(200)
    .header('etag', `"${etagOf(body)}"`)
    .header('content-type', 'application/json; charset=utf-8')
    .send(body);
}

export async function sendNoContent(reply: FastifyReply): Promise<void> {
  await reply.status(204).send();
}
