import { isMediaType, isSha2Hex } from '../formats/iri.js';
import { SIGNATURE_USAGE_TYPE } from '../types.js';
import { S } from './sections.js';
import { arrayAt, iriAt, irlAt, languageMapAt, objectAt, onlyKnownKeys, required, stringAt } from './values.js';
import { visit, type Walker } from './walker.js';

const ATTACHMENT_KEYS: ReadonlySet<string> = new Set([
  'usageType',
  'display',
  'description',
  'contentType',
  'length',
  'sha2',
  'fileUrl',
]);

export function validateAttachments(w: Walker, value: unknown): void {
  if (!arrayAt(w, 'attachments', value, S.attachments)) return;
  w.enter('attachments');
  for (let i = 0; i < value.length; i++) visit(w, i, value[i], validateAttachment);
  w.leave();
}

export function validateAttachment(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.attachments)) return;
  onlyKnownKeys(w, value, ATTACHMENT_KEYS, 'an Attachment');
  const usageType =
    required(w, value, 'usageType', S.attachments) && iriAt(w, 'usageType', value.usageType, S.attachments);
  if (required(w, value, 'display', S.attachments)) languageMapAt(w, 'display', value.display);
  if (value.description !== undefined) languageMapAt(w, 'description', value.description);
  if (
    required(w, value, 'contentType', S.attachments) &&
    stringAt(w, 'contentType', value.contentType, S.attachments)
  ) {
    if (!isMediaType(value.contentType))
      w.report('contentType', 'must be an Internet Media Type (type/subtype)', S.attachments);
    // A signature attachment carries a JWS and MUST be declared as octets (xAPI Data 2.6.s4.b1).
    else if (usageType && value.usageType === SIGNATURE_USAGE_TYPE && !isOctetStream(value.contentType)) {
      w.report('contentType', 'must be "application/octet-stream" for a signature attachment', S.signature);
    }
  }
  if (required(w, value, 'length', S.attachments)) {
    const length = value.length;
    if (length === null) w.report('length', 'must not be null', S.formatting);
    else if (typeof length !== 'number' || !Number.isInteger(length) || length < 0) {
      w.report('length', 'must be a non-negative integer (octets)', S.attachments);
    }
  }
  if (
    required(w, value, 'sha2', S.attachments) &&
    stringAt(w, 'sha2', value.sha2, S.attachments) &&
    !isSha2Hex(value.sha2)
  ) {
    w.report('sha2', 'must be a hex-encoded SHA-2 hash (224, 256, 384 or 512 bits)', S.attachments);
  }
  if (value.fileUrl !== undefined) irlAt(w, 'fileUrl', value.fileUrl, S.attachments);
}

function isOctetStream(contentType: string): boolean {
  return /^application\/octet-stream\s*(?:;|$)/i.test(contentType);
}
