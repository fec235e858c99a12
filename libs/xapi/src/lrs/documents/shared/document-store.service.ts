import { Inject, Injectable, Logger } from '@nestjs/common';
import type pg from 'pg';
import {
  EventTooLargeError,
  WrongExpectedRevisionError,
  type AppendRequest,
  type EventStore,
  type ExpectedRevision,
  type NewEvent,
  type RecordedEvent,
} from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { liveSchema } from '#libs/projections';
import { payloadTooLarge } from '../../http/xapi-errors.js';
import type { XapiVersion } from '../../http/xapi-version.js';
import { awaitReadModel } from '../../read-your-writes.js';
import {
  checkDocumentContent,
  checkPostedDocument,
  etagOf,
  mergeJsonDocuments,
  type IncomingDocument,
} from './document-content.js';
import {
  decodeContent,
  DOCUMENT_DELETED,
  DOCUMENT_SAVED,
  encodeContent,
  isDocumentSaved,
  keyData,
  type DocumentDeletedData,
  type DocumentSavedData,
} from './document-events.js';
import { documentStreamId, type DocumentContext, type DocumentKey } from './document-key.js';
import { checkPreconditions, type Preconditions } from './document-preconditions.js';
import { DOCUMENTS_PROJECTION, documentsProjection } from './documents.projection.js';

/** A stored document as a single-document GET returns it. */
export interface StoredDocument extends IncomingDocument {
  etag: string;
  updated: Date;
}

/** Who is writing, and under which xAPI version (the concurrency rules differ). */
export interface DocumentWriter {
  organisationId: string;
  /** The LRS client key, recorded as the events' actor. */
  actor: string;
  version: XapiVersion;
}

export interface DocumentIds {
  ids: string[];
  /** When the most recently changed of the listed documents changed; undefined for an empty list. */
  lastModified?: Date;
}

/** The stream's last event and its revision: what an append must expect. */
interface CurrentDocument {
  document?: StoredDocument;
  expectedRevision: ExpectedRevision;
}

type Change = { kind: 'save'; document: IncomingDocument } | { kind: 'delete' } | { kind: 'none' };

// A writer that loses a race re-reads and re-checks the client's preconditions; a handful of rounds
// settles any realistic contention on one document.
const MAX_ATTEMPTS = 8;

/**
 * The document resources' storage. Each document is a stream of `xapi.DocumentSaved` /
 * `xapi.DocumentDeleted` events: single-document reads and ETag checks read the stream itself, and
 * every write appends with the exact revision it checked, so concurrent writers cannot both win.
 * Lists read the `xapi-documents` projection; a list first waits for it to apply every document
 * change in the log when the request came, so a list right after a write sees it, and writes answer
 * as soon as they are in the log.
 */
@Injectable()
export class DocumentStore {
  private readonly logger = new Logger('XapiDocuments');

  constructor(
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  async get(organisationId: string, key: DocumentKey): Promise<StoredDocument | undefined> {
    return (await this.current(organisationId, key)).document;
  }

  /** PUT: replaces the document (Communication 2.3.s3, 2.6.s3, 2.7.s3), subject to the concurrency rules. */
  async put(
    writer: DocumentWriter,
    key: DocumentKey,
    incoming: IncomingDocument,
    preconditions: Preconditions,
  ): Promise<void> {
    checkDocumentContent(incoming);
    await this.change(writer, key, (current) => {
      checkPreconditions('PUT', key.resource, writer.version, current, preconditions);
      return { kind: 'save', document: incoming };
    });
  }

  /** POST: stores a new document, or merges JSON into an existing one (Communication 2.2.s7-s8). */
  async post(
    writer: DocumentWriter,
    key: DocumentKey,
    incoming: IncomingDocument,
    preconditions: Preconditions,
  ): Promise<void> {
    checkDocumentContent(incoming);
    await this.change(writer, key, (current) => {
      checkPreconditions('POST', key.resource, writer.version, current, preconditions);
      if (!current) {
        checkPostedDocument(incoming);
        return { kind: 'save', document: incoming };
      }
      return { kind: 'save', document: mergeJsonDocuments(current, incoming) };
    });
  }

  /** DELETE of one document; deleting a document that does not exist changes nothing. */
  async delete(writer: DocumentWriter, key: DocumentKey, preconditions: Preconditions): Promise<void> {
    await this.change(writer, key, (current) => {
      checkPreconditions('DELETE', key.resource, writer.version, current, preconditions);
      return current ? { kind: 'delete' } : { kind: 'none' };
    });
  }

  /** The ids of the documents in a context, changed after `since` (exclusive) when given. */
  async listIds(organisationId: string, context: DocumentContext, since?: Date): Promise<DocumentIds> {
    await this.waitForList();
    const { rows } = await this.pool.query<{ document_id: string; updated: Date }>(
      `select document_id, max(updated) as updated from ${liveSchema(DOCUMENTS_PROJECTION)}.documents
       where organisation_id = $1 and resource = $2 and activity_id = $3 and agent_ifi = $4
         and ($5::text is null or registration = $5) and ($6::timestamptz is null or updated > $6)
       group by document_id order by document_id`,
      [
        organisationId,
        context.resource,
        context.activityId,
        context.agentIfi,
        context.registration ?? null,
        since ?? null,
      ],
    );
    const lastModified = rows.reduce<Date | undefined>(
      (latest, row) => (!latest || row.updated > latest ? row.updated : latest),
      undefined,
    );
    return { ids: rows.map((row) => row.document_id), lastModified };
  }

  /**
   * Multiple-document DELETE (state, Communication 2.3.s5): every document of the context goes, in
   * one atomic append on PostgreSQL. Each stream's revision is read from the stream itself, so a
   * document changed concurrently is either deleted at its newest revision or the round is retried.
   */
  async deleteAll(writer: DocumentWriter, context: DocumentContext): Promise<void> {
    for (let attempt = 1; ; attempt++) {
      const keys = await this.keysIn(writer.organisationId, context);
      const requests: AppendRequest[] = [];
      for (const key of keys) {
        const current = await this.current(writer.organisationId, key);
        if (current.document) {
          requests.push({
            streamId: documentStreamId(writer.organisationId, key),
            events: [this.deletedEvent(writer, key)],
            expectedRevision: current.expectedRevision,
          });
        }
      }
      if (requests.length === 0) return;
      try {
        await this.appendAll(requests);
        return;
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
      }
    }
  }

  private async change(
    writer: DocumentWriter,
    key: DocumentKey,
    decide: (current: StoredDocument | undefined) => Change,
  ): Promise<void> {
    const streamId = documentStreamId(writer.organisationId, key);
    for (let attempt = 1; ; attempt++) {
      const current = await this.current(writer.organisationId, key);
      const change = decide(current.document);
      if (change.kind === 'none') return;
      const event =
        change.kind === 'save' ? this.savedEvent(writer, key, change.document) : this.deletedEvent(writer, key);
      try {
        await this.store.append({ streamId, events: [event], expectedRevision: current.expectedRevision });
        return;
      } catch (error) {
        if (error instanceof EventTooLargeError) throw tooLarge(error, change);
        if (!(error instanceof WrongExpectedRevisionError) || attempt >= MAX_ATTEMPTS) throw error;
        // Another writer got there first: decide again against what it wrote (412/409 if it matters).
      }
    }
  }

  private async current(organisationId: string, key: DocumentKey): Promise<CurrentDocument> {
    const [last] = await this.store.readStream(documentStreamId(organisationId, key), {
      direction: 'backwards',
      maxCount: 1,
    });
    if (!last) return { expectedRevision: 'no_stream' };
    return { document: isDocumentSaved(last) ? toStoredDocument(last) : undefined, expectedRevision: last.revision };
  }

  private async keysIn(organisationId: string, context: DocumentContext): Promise<DocumentKey[]> {
    await this.waitForList();
    const { rows } = await this.pool.query<{ registration: string; document_id: string }>(
      `select registration, document_id from ${liveSchema(DOCUMENTS_PROJECTION)}.documents
       where organisation_id = $1 and resource = $2 and activity_id = $3 and agent_ifi = $4 and ($5::text is null or registration = $5)`,
      [organisationId, context.resource, context.activityId, context.agentIfi, context.registration ?? null],
    );
    return rows.map((row) => ({
      resource: context.resource,
      activityId: context.activityId,
      agentIfi: context.agentIfi,
      registration: row.registration,
      documentId: row.document_id,
    }));
  }

  /** Atomic across streams where the store can do it; EventStoreDB deletes one stream at a time. */
  private async appendAll(requests: AppendRequest[]): Promise<void> {
    if (this.store.kind === 'postgres') {
      await this.store.appendMany(requests);
      return;
    }
    for (const request of requests) await this.store.append(request);
  }

  /** Read-your-writes for lists and the multiple-document DELETE. */
  private async waitForList(): Promise<void> {
    await awaitReadModel(this.pool, this.store, documentsProjection, this.logger);
  }

  private savedEvent(
    writer: DocumentWriter,
    key: DocumentKey,
    document: IncomingDocument,
  ): NewEvent<DocumentSavedData> {
    return {
      type: DOCUMENT_SAVED,
      version: 1,
      data: {
        ...keyData(key),
        contentType: document.contentType,
        ...encodeContent(document.content),
        etag: etagOf(document.content),
      },
      metadata: metadata(writer),
    };
  }

  private deletedEvent(writer: DocumentWriter, key: DocumentKey): NewEvent<DocumentDeletedData> {
    return { type: DOCUMENT_DELETED, version: 1, data: keyData(key), metadata: metadata(writer) };
  }
}

function metadata(writer: DocumentWriter) {
  return { tenantId: writer.organisationId, actor: writer.actor, occurredAt: new Date().toISOString() };
}

function toStoredDocument(event: RecordedEvent<DocumentSavedData>): StoredDocument {
  return {
    content: decodeContent(event.data),
    contentType: event.data.contentType,
    etag: event.data.etag,
    updated: new Date(event.metadata.occurredAt),
  };
}

function tooLarge(error: EventTooLargeError, change: Change) {
  const bytes = change.kind === 'save' ? change.document.content.length : 0;
  return payloadTooLarge(
    `document: ${bytes} bytes is larger than this LRS stores (each change is one event of at most ${error.limit} bytes including its encoding; ` +
      `binary content takes about 4/3 of its size; the limit is MAX_EVENT_BYTES) (Communication 3.2.s3.b11)`,
  );
}
