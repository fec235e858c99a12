import { createHash } from 'node:crypto';

/** The three document resources (Communication 2.3, 2.6, 2.7). */
export type DocumentResource = 'state' | 'activity-profile' | 'agent-profile';

/**
 * Where a document lives. Fields a resource does not use are empty strings, so every document has one
 * shape in events and in the `xapi-documents` read model. `agentIfi` is the canonical inverse
 * functional identifier (see `agentIfi`), so two spellings of one Agent name the same documents.
 */
export interface DocumentKey {
  resource: DocumentResource;
  activityId: string;
  agentIfi: string;
  /** Lower-case UUID, or '' for state without a registration. */
  registration: string;
  /** stateId or profileId. */
  documentId: string;
}

/**
 * The documents a multiple-document GET or DELETE addresses. For state, a missing registration means
 * every registration of the Activity + Agent ("Activity + Agent [+ registration if specified]").
 */
export interface DocumentContext {
  resource: DocumentResource;
  activityId: string;
  agentIfi: string;
  registration?: string;
}

/**
 * One stream per document and organisation: the key is hashed because activity IRIs and document
 * ids are unbounded text, and a stream id must stay short and safe.
 */
export function documentStreamId(organisationId: string, key: DocumentKey): string {
  const digest = createHash('sha1')
    .update(JSON.stringify([key.resource, key.activityId, key.agentIfi, key.registration, key.documentId]))
    .digest('hex');
  return `xapi-doc-${organisationId}-${digest}`;
}

export const DOCUMENT_STREAM_PREFIX = 'xapi-doc-';
