import type { RecordedEvent } from '#libs/event-store';
import type { DocumentKey, DocumentResource } from './document-key.js';

export const DOCUMENT_SAVED = 'xapi.DocumentSaved';
export const DOCUMENT_DELETED = 'xapi.DocumentDeleted';

/**
 * `xapi.DocumentSaved` v1: the whole document as it is after the change (PUT, or POST after the
 * merge). Text that is valid UTF-8 is kept as text, anything else as base64, so the bytes come back
 * exactly as sent. The time of the change is the event's `metadata.occurredAt`.
 */
export interface DocumentSavedData extends DocumentKeyData {
  contentType: string;
  encoding: 'utf8' | 'base64';
  content: string;
  /** Lower-case hex SHA-1 of the content bytes. */
  etag: string;
}

/** `xapi.DocumentDeleted` v1. */
export type DocumentDeletedData = DocumentKeyData;

/** The key as stored in events: fields a resource does not use are left out. */
export interface DocumentKeyData {
  resource: DocumentResource;
  activityId?: string;
  agentIfi?: string;
  registration?: string;
  documentId: string;
}

export function keyData(key: DocumentKey): DocumentKeyData {
  const data: DocumentKeyData = { resource: key.resource, documentId: key.documentId };
  if (key.activityId) data.activityId = key.activityId;
  if (key.agentIfi) data.agentIfi = key.agentIfi;
  if (key.registration) data.registration = key.registration;
  return data;
}

export function keyFromData(data: DocumentKeyData): DocumentKey {
  return {
    resource: data.resource,
    activityId: data.activityId ?? '',
    agentIfi: data.agentIfi ?? '',
    registration: data.registration ?? '',
    documentId: data.documentId,
  };
}

export function encodeContent(content: Buffer): { encoding: 'utf8' | 'base64'; content: string } {
  const text = content.toString('utf8');
  // Invalid UTF-8 would be replaced with U+FFFD and the round trip would change the bytes; U+0000 is
  // valid UTF-8 that no PostgreSQL text can hold (the event store refuses it).
  return !text.includes('\0') && Buffer.from(text, 'utf8').equals(content)
    ? { encoding: 'utf8', content: text }
    : { encoding: 'base64', content: content.toString('base64') };
}

export function decodeContent(data: Pick<DocumentSavedData, 'encoding' | 'content'>): Buffer {
  return Buffer.from(data.content, data.encoding === 'base64' ? 'base64' : 'utf8');
}

export function isDocumentSaved(event: RecordedEvent): event is RecordedEvent<DocumentSavedData> {
  return event.type === DOCUMENT_SAVED;
}
