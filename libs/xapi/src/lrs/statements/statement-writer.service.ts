import { randomUUID } from 'node:crypto';
import { Inject, Injectable, type OnModuleDestroy } from '@nestjs/common';
import type pg from 'pg';
import {
  EventTooLargeError,
  UnstorableTextError,
  WrongExpectedRevisionError,
  type AppendRequest,
  type EventStore,
  type Position,
} from '#libs/event-store';
import type { AppConfig } from '#libs/config';
import { inTransaction } from '#libs/database';
import { APP_CONFIG, EVENT_STORE, PG_POOL } from '#libs/platform';
import { CheckpointWatcher } from '#libs/projections';
import { statementsAreEquivalent } from '../../statement-model/helpers/equivalence.js';
import { formatIssues } from '../../statement-model/validation/issues.js';
import { validateStatement } from '../../statement-model/validation/statement.js';
import {
  SIGNATURE_USAGE_TYPE,
  type Attachment,
  type Statement,
  type XapiVersion,
} from '../../statement-model/types.js';
import type { LrsPrincipal } from '../auth/lrs-principal.js';
import { badRequest, conflict, payloadTooLarge } from '../http/xapi-errors.js';
import { mediaTypesMatch } from './multipart.js';
import type { AttachmentPart, ReceivedAttachment } from './statements-upload.js';

export type { AttachmentPart } from './statements-upload.js';
import { checkStatementSignature } from './signature.js';
import { STATEMENT_STORED, statementStreamId, type StatementStoredData } from './statement-events.js';
import { isVoidingStatement, statementRefTarget } from './statement-index-keys.js';
import { STATEMENTS_PROJECTION } from './statements.projection.js';

export interface StoreRequest {
  principal: LrsPrincipal;
  version: XapiVersion;
  statements: unknown[];
  parts: Map<string, ReceivedAttachment>;
  /** `statements[i]` for a batch, `statement` for PUT or a single POST. */
  batch: boolean;
}

/**
 * Stores statements as events, one stream per statement (`xapi-statement-<org>-<id>`) appended
 * with `no_stream` in ONE atomic appendMany: a batch is stored entirely or not at all, and two
 * writers can never both store an id, because the event store's own concurrency check decides.
 */
@Injectable()
export class StatementWriter implements OnModuleDestroy {
  private readonly projection: CheckpointWatcher;
  private readonly attachmentWriters = new Gate(ATTACHMENT_WRITERS);

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly events: EventStore,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {
    this.projection = new CheckpointWatcher(pool, STATEMENTS_PROJECTION);
  }

  async onModuleDestroy(): Promise<void> {
    await this.projection.close();
  }

  async store(request: StoreRequest): Promise<string[]> {
    const { principal, version } = request;
    this.checkBatchSize(request.statements.length);
    const statements = request.statements.map((raw, i) => this.validated(raw, version, this.root(request, i)));
    rejectDuplicateIds(statements);
    const hashes = checkAttachmentParts(statements, request.parts, request.batch);
    for (const [i, statement] of statements.entries())
      await checkSignatures(statement, request.parts, this.root(request, i));
    const prepared = statements.map((s) => prepareForStorage(s, principal, version));
    await this.checkVoidingTargets(prepared, principal.organisationId);
    await this.storeAttachments(principal.organisationId, request.parts, hashes);
    const position = await this.append(prepared, principal);
    // The spec lets the LRS answer before the statements are queryable (2.1.2.s2.b1); waiting a
    // bounded time (XAPI_WRITE_WAIT_MS) makes read-after-write work for clients that expect it, and
    // never fails the write.
    if (position && this.config.xapiWriteWaitMs > 0)
      await this.projection.waitFor(position, this.config.xapiWriteWaitMs);
    return prepared.map((s) => s.id!);
  }

  /**
   * A batch is validated, held and appended in one piece (one transaction), so its size bounds the
   * memory and the lock time of one request (Communication 1.5.2 lets an LRS refuse batches larger than
   * it is configured to allow).
   */
  private checkBatchSize(count: number): void {
    const limit = this.config.xapiMaxBatchStatements;
    if (count <= limit) return;
    throw payloadTooLarge(
      `request body: ${count} statements in one request; this LRS takes at most ${limit} (XAPI_MAX_BATCH_STATEMENTS): send them in several requests`,
    );
  }

  private root(request: StoreRequest, index: number): string {
    return request.batch ? `statements[${index}]` : 'statement';
  }

  private validated(raw: unknown, version: XapiVersion, root: string): Statement {
    const issues = validateStatement(raw, { version });
    if (issues.length > 0) throw badRequest(formatIssues(issues, root));
    return raw as Statement;
  }

  /** Appends all, dropping statements already stored with equivalent content (not an error, not stored twice). */
  private async append(statements: Statement[], principal: LrsPrincipal): Promise<Position | undefined> {
    let pending = statements;
    for (;;) {
      if (pending.length === 0) return undefined;
      const requests: AppendRequest[] = pending.map((statement) => ({
        streamId: statementStreamId(principal.organisationId, statement.id!),
        expectedRevision: 'no_stream',
        events: [
          {
            type: STATEMENT_STORED,
            data: { statement } satisfies StatementStoredData,
            metadata: { tenantId: principal.organisationId, actor: principal.key, occurredAt: occurredAt(statement) },
          },
        ],
      }));
      try {
        const results = await this.events.appendMany(requests);
        return results[results.length - 1].position;
      } catch (error) {
        if (error instanceof EventTooLargeError) {
          throw payloadTooLarge(
            `statement ${streamStatementId(error.streamId)}: ${error.size} bytes is over the limit of ${error.limit} bytes per statement`,
          );
        }
        if (error instanceof UnstorableTextError) throw badRequest(unstorableMessage(error, statements));
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        const index = requests.findIndex((r) => r.streamId === error.streamId);
        if (index < 0) throw error;
        await this.checkEquivalentToStored(pending[index], error.streamId);
        pending = pending.filter((_, i) => i !== index);
      }
    }
  }

  private async checkEquivalentToStored(statement: Statement, streamId: string): Promise<void> {
    const [existing] = await this.events.readStream(streamId, { maxCount: 1 });
    const stored = (existing?.data as StatementStoredData | undefined)?.statement;
    if (stored && statementsAreEquivalent(statement, stored)) return;
    throw conflict(
      `statement id ${statement.id}: a different statement with this id is already stored; statements are immutable (Communication 2.1.1.s2.b3)`,
    );
  }

  /** A voiding statement cannot target another voiding statement (Data 2.3.2). */
  private async checkVoidingTargets(statements: Statement[], organisationId: string): Promise<void> {
    const inBatch = new Map(statements.map((s) => [s.id!.toLowerCase(), s]));
    for (const [i, statement] of statements.entries()) {
      if (!isVoidingStatement(statement)) continue;
      const targetId = statementRefTarget(statement)!;
      let target = inBatch.get(targetId);
      if (!target) {
        const [event] = await this.events.readStream(statementStreamId(organisationId, targetId), { maxCount: 1 });
        target = (event?.data as StatementStoredData | undefined)?.statement;
      }
      if (target && isVoidingStatement(target)) {
        throw badRequest(
          `${statements.length > 1 ? `statements[${i}]` : 'statement'}.object.id: targets the voiding statement ${targetId}, and a voiding statement cannot be voided (Data 2.3.2)`,
        );
      }
    }
  }

  /**
   * Commits the attachment content the statements reference before they are appended, so that a stored
   * statement always has its content: a failure between the two (the append refused, the database gone,
   * the process stopped) leaves content that no statement references, never a statement without its
   * content. Content is immutable and keyed by organisation and sha2, so such content is only unused
   * space, and the next statement with that sha2 uses it. Each request's content is one transaction: a
   * concurrent request with the same attachment waits on its row until this one commits or rolls back.
   * At most ATTACHMENT_WRITERS requests write content at once, so that uploads never hold every
   * connection of the pool.
   */
  private async storeAttachments(
    organisationId: string,
    parts: Map<string, ReceivedAttachment>,
    hashes: Set<string>,
  ): Promise<void> {
    const used = [...hashes].filter((h) => parts.has(h));
    if (used.length === 0) return;
    await this.attachmentWriters.run(() =>
      inTransaction(this.pool, async (client) => {
        for (const sha2 of used) await insertAttachment(client, organisationId, sha2, parts.get(sha2)!);
      }),
    );
  }
}

/** Requests writing attachments at once, per process (see storeAttachments). */
const ATTACHMENT_WRITERS = 4;

/**
 * Content goes to PostgreSQL in rows of ATTACHMENT_CHUNK_BYTES: the driver sends a bytea parameter as
 * hex text, so one row per attachment would hold about three times the attachment in memory.
 */
export const ATTACHMENT_CHUNK_BYTES = 1024 * 1024;

/**
 * One attachment and its chunks, unless the organisation already has this content (it is immutable): then
 * it is touched, so that the cleanup, which removes only content untouched for its grace period, leaves
 * it to the statement about to name it. (A cleanup that removed it first leaves no row: it is stored again.)
 */
async function insertAttachment(
  client: pg.PoolClient,
  organisationId: string,
  sha2: string,
  part: ReceivedAttachment,
): Promise<void> {
  const touched = await client.query(
    'update xapi_attachments set touched_at = now() where organisation_id = $1 and sha2 = $2',
    [organisationId, sha2],
  );
  if (touched.rowCount === 1) return;
  // A concurrent writer's row is committed (touched as it was inserted) or rolled back before this returns.
  const { rowCount } = await client.query(
    `insert into xapi_attachments (organisation_id, sha2, content_type, length) values ($1, $2, $3, $4)
     on conflict do nothing`,
    [organisationId, sha2, part.contentType, part.length],
  );
  if (rowCount === 0) return;
  let seq = 0;
  for await (const chunk of part.chunks(ATTACHMENT_CHUNK_BYTES)) {
    await client.query(
      'insert into xapi_attachment_chunks (organisation_id, sha2, seq, data) values ($1, $2, $3, $4)',
      [organisationId, sha2, seq++, chunk],
    );
  }
}

/** Runs at most `limit` tasks at a time, the others waiting in order. */
class Gate {
  private running = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  async run<T>(task: () => Promise<T>): Promise<T> {
    if (this.running >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.running++;
    try {
      return await task();
    } finally {
      const next = this.waiting.shift();
      if (next) next();
      else this.running--;
    }
  }
}

/** The LRS's own properties (Data 2.4.1, 2.4.9, 2.4.10): id when absent, authority from the credentials, version. */
function prepareForStorage(statement: Statement, principal: LrsPrincipal, version: XapiVersion): Statement {
  const prepared: Statement = { ...statement };
  prepared.id = (statement.id ?? randomUUID()).toLowerCase();
  // The authority is always that of the credentials used: a client cannot claim another's (Data 2.4.9.s3.b4).
  prepared.authority = principal.authority;
  prepared.version ??= version === '2.0.0' ? '2.0.0' : '1.0.0';
  delete prepared.stored;
  return prepared;
}

function occurredAt(statement: Statement): string | undefined {
  const time = statement.timestamp ? Date.parse(statement.timestamp) : NaN;
  return Number.isNaN(time) ? undefined : new Date(time).toISOString();
}

/** The event store refuses text no read model could store: name the statement, so the client can find it. */
function unstorableMessage(error: UnstorableTextError, statements: Statement[]): string {
  const id = streamStatementId(error.streamId);
  const index = statements.findIndex((s) => s.id === id);
  const where = statements.length > 1 ? `statements[${index}]` : 'statement';
  return `${where} (id ${id}): a string holds the character U+0000 or an unpaired UTF-16 surrogate, which this LRS cannot store`;
}

function streamStatementId(streamId: string): string {
  return streamId.slice(-36);
}

function rejectDuplicateIds(statements: Statement[]): void {
  const seen = new Map<string, number>();
  for (const [i, statement] of statements.entries()) {
    if (!statement.id) continue;
    const id = statement.id.toLowerCase();
    const first = seen.get(id);
    if (first !== undefined) {
      throw badRequest(
        `statements[${i}].id: ${id} is also the id of statements[${first}]; ids in a batch must be unique (Communication 2.1.2.s2.b6)`,
      );
    }
    seen.set(id, i);
  }
}

function attachmentsOf(statement: Statement): Array<{ attachment: Attachment; path: string }> {
  const out = (statement.attachments ?? []).map((attachment, i) => ({ attachment, path: `attachments[${i}]` }));
  if (statement.object?.objectType === 'SubStatement') {
    (statement.object.attachments ?? []).forEach((attachment, i) =>
      out.push({ attachment, path: `object.attachments[${i}]` }),
    );
  }
  return out;
}

/**
 * Every attachment without a fileUrl needs a part with its SHA-2, and every part must belong to an
 * attachment (Communication 1.5.2.s3.b5). A part matched by its SHA-2 must agree with the
 * attachment's contentType (1.5.2.s2.b2.b7). Returns the hashes the batch references.
 */
export function checkAttachmentParts(
  statements: Statement[],
  parts: ReadonlyMap<string, AttachmentPart>,
  batch: boolean,
): Set<string> {
  const referenced = new Set<string>();
  for (const [i, statement] of statements.entries()) {
    for (const { attachment, path } of attachmentsOf(statement)) {
      const sha2 = attachment.sha2.toLowerCase();
      referenced.add(sha2);
      const root = batch ? `statements[${i}]` : 'statement';
      const part = parts.get(sha2);
      if (!part && !attachment.fileUrl) {
        throw badRequest(
          `${root}.${path}.sha2: no multipart part has X-Experience-API-Hash ${sha2}, and the attachment has no fileUrl (Communication 1.5.2.s3.b5)`,
        );
      }
      if (attachment.usageType === SIGNATURE_USAGE_TYPE && !part) {
        throw badRequest(
          `${root}.${path}: a signature attachment must be sent as a part, not only by fileUrl (Data 2.6)`,
        );
      }
      if (part) checkPartMatchesAttachment(attachment, part, `${root}.${path}`, sha2);
    }
  }
  for (const sha2 of parts.keys()) {
    if (!referenced.has(sha2)) {
      throw badRequest(
        `attachment part with X-Experience-API-Hash ${sha2}: no attachment of the statements has this sha2 (Communication 1.5.2.s1.b4)`,
      );
    }
  }
  return referenced;
}

/**
 * A part's Content-Type header, where given, must match the attachment's `contentType` (Communication
 * 1.5.2.s2.b2.b7; see `mediaTypesMatch` for what counts as a match). Its size is not compared with
 * `length`: the sha2 already ties the content to its attachment, no rule makes the LRS check `length`
 * (Data 2.4.11 describes it), and ADL's conformance suite sends a part of another size and expects 200.
 */
function checkPartMatchesAttachment(attachment: Attachment, part: AttachmentPart, where: string, sha2: string): void {
  if (part.hasContentType && !mediaTypesMatch(attachment.contentType, part.contentType)) {
    throw badRequest(
      `${where}.contentType: "${attachment.contentType}" does not match the Content-Type "${part.contentType}" of the part with X-Experience-API-Hash ${sha2}; where both are given they must match (Communication 1.5.2.s2.b2.b7)`,
    );
  }
}

async function checkSignatures(
  statement: Statement,
  parts: Map<string, ReceivedAttachment>,
  root: string,
): Promise<void> {
  for (const { attachment, path } of attachmentsOf(statement)) {
    if (attachment.usageType !== SIGNATURE_USAGE_TYPE || path.startsWith('object.')) continue;
    const part = parts.get(attachment.sha2.toLowerCase());
    if (!part) continue;
    const problem = await checkStatementSignature(statement, (await part.read()).toString('utf8'), `${root}.${path}`);
    if (problem) throw badRequest(problem);
  }
}
