import { createHash } from 'node:crypto';
import { badRequest } from '../../http/xapi-errors.js';

/** A document as a client sent it. */
export interface IncomingDocument {
  content: Buffer;
  /** The Content-Type header exactly as sent (returned as sent on GET). */
  contentType: string;
}

/** Stored when a client sends a document without a Content-Type. */
export const DEFAULT_CONTENT_TYPE = 'application/octet-stream';

/** Hex SHA-1 of the contents, lower case (Communication 3.1.s4.b2). */
export function etagOf(content: Buffer): string {
  return createHash('sha1').update(content).digest('hex');
}

/** `application/json`, with or without parameters such as charset, in any case. */
export function isJsonContentType(contentType: string | undefined): boolean {
  return (contentType ?? '').split(';')[0].trim().toLowerCase() === 'application/json';
}

type JsonObject = Record<string, unknown>;

/** The content as a JSON object, or undefined when it is not valid JSON or not an object. */
export function parseJsonObject(content: Buffer): JsonObject | undefined {
  try {
    const value: unknown = JSON.parse(content.toString('utf8'));
    return typeof value === 'object' && value !== null && !Array.isArray(value) ? (value as JsonObject) : undefined;
  } catch {
    return undefined;
  }
}

/**
 * A JSON document must be JSON (Communication 3.2.s3.b6: the content must match its Content-Type);
 * other content types are stored as arbitrary bytes.
 */
export function checkDocumentContent(document: IncomingDocument): void {
  if (!isJsonContentType(document.contentType)) return;
  try {
    JSON.parse(document.content.toString('utf8'));
  } catch {
    throw badRequest(
      'document: the Content-Type is application/json but the content is not valid JSON (Communication 3.2.s3.b6)',
    );
  }
}

/**
 * POST to an existing document (Communication 2.2.s7-s8): both documents must be application/json
 * JSON objects; the posted object's top-level properties replace the existing ones. Otherwise 400
 * and the stored document is left as it was.
 */
export function mergeJsonDocuments(existing: IncomingDocument, posted: IncomingDocument): IncomingDocument {
  const rule = '(Communication 2.2.s8.b1)';
  if (!isJsonContentType(posted.contentType)) {
    throw badRequest(
      `Content-Type: a POST to an existing document merges JSON, so it must be application/json (was "${posted.contentType}") ${rule}`,
    );
  }
  if (!isJsonContentType(existing.contentType)) {
    throw badRequest(
      `document: the existing document has Content-Type "${existing.contentType}", not application/json, so a POST cannot merge into it; use PUT to replace it ${rule}`,
    );
  }
  const postedObject = parseJsonObject(posted.content);
  if (!postedObject) throw badRequest(`document: a POSTed application/json document must be a JSON object ${rule}`);
  const existingObject = parseJsonObject(existing.content);
  if (!existingObject) {
    throw badRequest(
      `document: the existing document is not a JSON object, so a POST cannot merge into it; use PUT to replace it ${rule}`,
    );
  }
  return {
    contentType: posted.contentType,
    content: Buffer.from(JSON.stringify({ ...existingObject, ...postedObject }), 'utf8'),
  };
}

/**
 * POST of a new document stores it as PUT would; a JSON one must already be an object, since POST is
 * the merge operation and a later POST could not merge into anything else.
 */
export function checkPostedDocument(posted: IncomingDocument): void {
  if (isJsonContentType(posted.contentType) && !parseJsonObject(posted.content)) {
    throw badRequest('document: a POSTed application/json document must be a JSON object (Communication 2.2.s8.b1)');
  }
}
