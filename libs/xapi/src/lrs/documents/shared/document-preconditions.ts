import type { XapiVersion } from '../../http/xapi-version.js';
import { badRequest, conflict, preconditionFailed } from '../../http/xapi-errors.js';
import type { DocumentResource } from './document-key.js';

/** The concurrency headers of a request, as sent. */
export interface Preconditions {
  ifMatch?: string;
  ifNoneMatch?: string;
}

export type WriteMethod = 'PUT' | 'POST' | 'DELETE';

const RULE = 'Communication 3.1';

/**
 * Entity tags of an If-Match / If-None-Match header: `*`, or a list of quoted tags. Weak tags and
 * bare (unquoted) tags are accepted and compared by value; hex case is ignored because clients have
 * been seen to upper-case the SHA-1.
 */
export function parseEntityTags(header: string): '*' | string[] {
  const value = header.trim();
  if (value === '*') return '*';
  return value
    .split(',')
    .map((tag) =>
      tag
        .trim()
        .replace(/^W\//i, '')
        .replace(/^"(.*)"$/, '$1')
        .toLowerCase(),
    )
    .filter((tag) => tag.length > 0);
}

function matches(header: string, etag: string): boolean {
  const tags = parseEntityTags(header);
  return tags === '*' || tags.includes(etag.toLowerCase());
}

/**
 * Checks the request's concurrency headers against the current document (undefined when there is
 * none) and throws 412 or 409; nothing has been written when it throws.
 *
 * - If-Match: the document must exist and (unless `*`) have one of the tags (3.1.s4.b5, b7; 412).
 * - If-None-Match: `*` fails when the document exists; a tag list fails when the current tag is in it
 *   (3.1.s4.b6, b8; 412).
 * - PUT with neither header on an existing document: 409 for the profile resources (1.0.3
 *   3.1.s4.b13), and for state too under 2.0 (IEEE 9274.1.1 4.1.4 makes the rule cover all three
 *   document resources; 1.0.3 3.1.s3 lets State PUT without concurrency headers).
 * - Under 1.0.3, a profile PUT of a new document with neither header: 400, since a Learning Record
 *   Provider MUST send one of them (3.1 client requirements; the conformance suite's XAPI-00273).
 */
export function checkPreconditions(
  method: WriteMethod,
  resource: DocumentResource,
  version: XapiVersion,
  current: { etag: string } | undefined,
  headers: Preconditions,
): void {
  const { ifMatch, ifNoneMatch } = headers;
  if (ifMatch !== undefined) {
    if (!current) {
      throw preconditionFailed(
        `If-Match header: there is no document to match, so the ${method} was not applied (${RULE})`,
      );
    }
    if (!matches(ifMatch, current.etag)) {
      throw preconditionFailed(
        `If-Match header: ${ifMatch} does not match the document's current ETag "${current.etag}"; it changed since it was read, so the ${method} was not applied (${RULE})`,
      );
    }
  }
  if (ifNoneMatch !== undefined && current && matches(ifNoneMatch, current.etag)) {
    throw preconditionFailed(
      `If-None-Match header: ${ifNoneMatch} — the document already exists (ETag "${current.etag}"), so the ${method} was not applied (${RULE})`,
    );
  }
  const unconditional = ifMatch === undefined && ifNoneMatch === undefined;
  if (method !== 'PUT' || !unconditional) return;
  if (current && (resource !== 'state' || version === '2.0.0')) {
    throw conflict(
      `The document already exists and the PUT had neither If-Match nor If-None-Match, so it was not applied: check the current state of the document (GET it), then set the If-Match header to its current ETag ("${current.etag}") to replace it (${RULE}.s4.b13-b14)`,
    );
  }
  if (!current && resource !== 'state' && version === '1.0.3') {
    throw badRequest(
      `If-Match or If-None-Match header: required on a PUT to the ${resource === 'agent-profile' ? 'Agent' : 'Activity'} Profile Resource under xAPI 1.0.3; send If-None-Match: * to create a document, or If-Match with its current ETag to replace one (${RULE}, XAPI-00273)`,
    );
  }
}

/** GET with If-None-Match naming the current tag: the client's copy is current (304, RFC 7232). */
export function notModified(ifNoneMatch: string | undefined, etag: string): boolean {
  return ifNoneMatch !== undefined && matches(ifNoneMatch, etag);
}
