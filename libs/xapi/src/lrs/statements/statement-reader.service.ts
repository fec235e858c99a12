import { Inject, Injectable } from '@nestjs/common';
import type pg from 'pg';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { liveSchema, readCheckpoint } from '#libs/projections';
import { formatStatement, type CanonicalSource } from '../../statement-model/helpers/format.js';
import type { Activity, ActivityDefinition, Statement } from '../../statement-model/types.js';
import { ActivitiesService } from '../activities/activities.service.js';
import { agentIfi } from '../../statement-model/helpers/agent-ifi.js';
import { readsOnlyOwnStatements, type LrsPrincipal } from '../auth/lrs-principal.js';
import { notFound } from '../http/xapi-errors.js';
import { matchingKeys } from './statement-index-keys.js';
import { encodeMoreToken, type SingleStatementQuery, type StatementQuery } from './statement-query.js';
import { statementSource, type StatementSource, type StatementTextRow } from './statement-source.js';
import { indexKeyHash, STATEMENTS_PROJECTION, statementsProjection } from './statements.projection.js';

const SCHEMA = liveSchema(STATEMENTS_PROJECTION);
const CONSISTENT_THROUGH_REUSE_MS = 100;

export interface StoredAttachment {
  sha2: string;
  contentType: string;
  length: number;
  /** The content, read one stored chunk at a time. */
  chunks(): AsyncIterable<Buffer>;
}

export interface SingleResult {
  /** The statement JSON as returned. */
  json: string;
  stored: string;
  attachmentHashes: string[];
}

export interface PageResult {
  /** The StatementResult JSON. */
  json: string;
  lastStored?: string;
  attachmentHashes: string[];
}

interface Row extends StatementTextRow {
  seq: number;
  attachments: string[];
}

/** Reads the statements query model (eventually consistent with the log; see consistentThrough). */
@Injectable()
export class StatementReader {
  private consistent?: { at: number; value: string };
  /** The columns of a Row, from `statements s`. */
  private readonly rowColumns: string;
  /** Where statement JSON is read from, and how statements are found by id and time. */
  private readonly source: StatementSource;

  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
    @Inject(ActivitiesService) private readonly activities: ActivitiesService,
  ) {
    this.source = statementSource(store);
    this.rowColumns = `s.seq, s.stored, s.attachments, ${this.source.readColumns}`;
  }

  async single(principal: LrsPrincipal, query: SingleStatementQuery, languages: string[]): Promise<SingleResult> {
    const { condition, params } = this.source.withStatementIds([
      { organisationId: principal.organisationId, statementId: query.statementId },
    ]);
    const { rows } = await this.pool.query<Row & { voided: boolean; authority: string | null }>(
      `select ${this.rowColumns}, s.voided, s.authority from ${SCHEMA}.statements s where ${condition}`,
      params,
    );
    const row = rows[0];
    const parameter = query.voided ? 'voidedStatementId' : 'statementId';
    if (!row || row.voided !== query.voided || !this.mayRead(principal, row.authority)) {
      const why =
        row && row.voided !== query.voided
          ? query.voided
            ? ' (it is not voided)'
            : ' (it is voided: use voidedStatementId)'
          : '';
      throw notFound(`${parameter} parameter: no statement ${query.statementId}${why}`);
    }
    const [json] = await this.shape(
      principal.organisationId,
      [this.source.statementText(row)],
      query.format,
      languages,
    );
    return { json, stored: row.stored.toISOString(), attachmentHashes: row.attachments };
  }

  async page(principal: LrsPrincipal, query: StatementQuery, languages: string[]): Promise<PageResult> {
    // Newest-first pages move down from the last seq returned, so new statements cannot shift them;
    // oldest-first pages are capped at the newest seq of the first page.
    const bound =
      query.bound ?? (query.filter.ascending ? await this.maxSeq(principal.organisationId) : Number.MAX_SAFE_INTEGER);
    const range = await this.seqRange(query, bound);
    const rows = range ? await this.select(principal, query, range) : [];
    const hasMore = rows.length > query.limit;
    const page = hasMore ? rows.slice(0, query.limit) : rows;
    const statements = await this.shape(
      principal.organisationId,
      page.map((row) => this.source.statementText(row)),
      query.format,
      languages,
    );
    const more = hasMore ? `/xapi/statements?more=${encodeMoreToken(query, page[page.length - 1].seq, bound)}` : '';
    const lastStored = page.reduce<Date | undefined>((max, r) => (!max || r.stored > max ? r.stored : max), undefined);
    return {
      json: `{"statements":[${statements.join(',')}],"more":${JSON.stringify(more)}}`,
      lastStored: lastStored?.toISOString(),
      attachmentHashes: [...new Set(page.flatMap((r) => r.attachments))],
    };
  }

  async attachments(organisationId: string, hashes: string[]): Promise<StoredAttachment[]> {
    if (hashes.length === 0) return [];
    const { rows } = await this.pool.query<{ sha2: string; content_type: string; length: string }>(
      'select sha2, content_type, length from xapi_attachments where organisation_id = $1 and sha2 = any($2::text[])',
      [organisationId, hashes],
    );
    return rows.map((r) => ({
      sha2: r.sha2,
      contentType: r.content_type,
      length: Number(r.length),
      chunks: () => this.attachmentChunks(organisationId, r.sha2),
    }));
  }

  /** One query per chunk: a response never holds more than one chunk of an attachment. */
  private async *attachmentChunks(organisationId: string, sha2: string): AsyncIterable<Buffer> {
    for (let seq = 0; ; seq++) {
      const { rows } = await this.pool.query<{ data: Buffer }>(
        'select data from xapi_attachment_chunks where organisation_id = $1 and sha2 = $2 and seq = $3',
        [organisationId, sha2, seq],
      );
      if (rows.length === 0) return;
      yield rows[0].data;
    }
  }

  /**
   * A time before which every stored statement is in the query model (Communication 2.1.3.s2.b5):
   * now when the projection has applied every statement event, else just before the first one it
   * has not (`stored` is the event's recorded time).
   */
  async consistentThrough(): Promise<string> {
    // A past lower bound stays true, so one computed value serves every request for a short while.
    if (this.consistent && Date.now() - this.consistent.at < CONSISTENT_THROUGH_REUSE_MS) return this.consistent.value;
    const value = await this.computeConsistentThrough();
    this.consistent = { at: Date.now(), value };
    return value;
  }

  private async computeConsistentThrough(): Promise<string> {
    const checkpoint = await readCheckpoint(this.pool, STATEMENTS_PROJECTION);
    const pending = await this.store.readAll({ after: checkpoint, filter: statementsProjection.filter, maxCount: 1 });
    if (pending.events.length === 0) return new Date().toISOString();
    return new Date(Date.parse(pending.events[0].recordedAt) - 1).toISOString();
  }

  /**
   * Statement JSON in the requested format: `exact` is the stored text as is; `canonical` uses the
   * LRS's canonical Activity definitions (the xapi-activities projection) and Accept-Language.
   */
  private async shape(
    organisationId: string,
    bodies: string[],
    format: StatementQuery['format'],
    languages: string[],
  ): Promise<string[]> {
    if (format === 'exact') return bodies;
    const statements = bodies.map((b) => JSON.parse(b) as Statement);
    let source: CanonicalSource = {};
    if (format === 'canonical') {
      const definitions: Map<string, ActivityDefinition> = await this.activities.canonicalDefinitions(organisationId, [
        ...new Set(statements.flatMap(activityIds)),
      ]);
      source = { activityDefinition: (id) => definitions.get(id) };
    }
    return statements.map((statement) => JSON.stringify(formatStatement(statement, format, languages, source)));
  }

  private mayRead(principal: LrsPrincipal, authority: string | null): boolean {
    return !readsOnlyOwnStatements(principal) || authority === agentIfi(principal.authority);
  }

  private async maxSeq(organisationId: string): Promise<number> {
    const { rows } = await this.pool.query<{ seq: number | null }>(
      `select max(seq) as seq from ${SCHEMA}.statements where organisation_id = $1`,
      [organisationId],
    );
    return rows[0].seq ?? -1;
  }

  /** The (exclusive, inclusive] seq range to read; `stored` follows seq, so since/until become seq bounds. */
  private async seqRange(query: StatementQuery, bound: number): Promise<{ low: number; high: number } | undefined> {
    let low = query.filter.since ? await this.lastSeqStoredBy(query.filter.since) : -1;
    let high = query.filter.until ? Math.min(bound, await this.lastSeqStoredBy(query.filter.until)) : bound;
    if (query.after !== undefined) {
      if (query.filter.ascending) low = Math.max(low, query.after);
      else high = Math.min(high, query.after - 1);
    }
    return low < high ? { low, high } : undefined;
  }

  private lastSeqStoredBy(time: string): Promise<number> {
    return this.source.lastSeqStoredBy(this.pool, SCHEMA, time);
  }

  private async select(
    principal: LrsPrincipal,
    query: StatementQuery,
    range: { low: number; high: number },
  ): Promise<Row[]> {
    const params: unknown[] = [principal.organisationId, range.low, range.high, query.limit + 1];
    const order = query.filter.ascending ? 'asc' : 'desc';
    let mine = '';
    if (readsOnlyOwnStatements(principal)) {
      params.push(agentIfi(principal.authority));
      mine = ` and s.authority = $${params.length}`;
    }
    const [first, ...others] = orderBySelectivity(query.filter.keys);
    if (!first) {
      const { rows } = await this.pool.query<Row>(
        `select ${this.rowColumns} from ${SCHEMA}.statements s
         where s.organisation_id = $1 and s.seq > $2 and s.seq <= $3 and not s.voided${mine}
         order by s.seq ${order} limit $4`,
        params,
      );
      return rows;
    }
    const hashParams = (key: string) =>
      matchingKeys(key).map((k) => {
        params.push(indexKeyHash(principal.organisationId, k));
        return `$${params.length}`;
      });
    // A broad key is stored in two forms (see statementIndexKeys): the two ranges are merged in seq
    // order. Each branch is ordered itself, so PostgreSQL merges them and stops after a page; without
    // that it hashed and sorted every statement of a key held by all (an LRS client's authority).
    const candidates = hashParams(first)
      .map(
        (hash) =>
          `(select seq from ${SCHEMA}.statement_index where key_hash = ${hash} and seq > $2 and seq <= $3 order by seq ${order})`,
      )
      .join(' union all ');
    const extra = others
      .map(
        (key) =>
          ` and exists (select 1 from ${SCHEMA}.statement_index j where j.key_hash in (${hashParams(key).join(', ')}) and j.seq = i.seq)`,
      )
      .join('');
    const { rows } = await this.pool.query<Row>(
      `select ${this.rowColumns}
       from (${candidates}) i join ${SCHEMA}.statements s on s.organisation_id = $1 and s.seq = i.seq
       where not s.voided${mine}${extra}
       order by i.seq ${order} limit $4`,
      params,
    );
    return rows;
  }
}

/** Registration and agent keys usually select fewest rows, verbs most; start the scan from the rarest. */
function orderBySelectivity(keys: string[]): string[] {
  const rank = (key: string) => (key.startsWith('!r:') ? 0 : /^!?a:/.test(key) ? 1 : /^!?o:/.test(key) ? 2 : 3);
  return [...keys].sort((a, b) => rank(a) - rank(b));
}

/** Activity ids a canonical response needs definitions for: objects and context activities, SubStatement too. */
function activityIds(statement: Statement): string[] {
  const ids: string[] = [];
  const visit = (core: { object?: unknown; context?: Statement['context'] }) => {
    const object = core.object as Activity | undefined;
    if (object && (object.objectType ?? 'Activity') === 'Activity' && typeof object.id === 'string')
      ids.push(object.id);
    for (const list of Object.values(core.context?.contextActivities ?? {})) {
      for (const activity of Array.isArray(list) ? list : [list]) ids.push((activity as Activity).id);
    }
  };
  visit(statement);
  if ((statement.object as { objectType?: string })?.objectType === 'SubStatement') visit(statement.object as never);
  return ids;
}
