import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { schema } from '../../read-model/indicator-judgements.js';
import { ListPendingEvidence, type PendingEvidence } from './list-pending-evidence.query.js';

@QueryHandler(ListPendingEvidence)
export class ListPendingEvidenceHandler implements IQueryHandler<ListPendingEvidence> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListPendingEvidence): Promise<PendingEvidence[]> {
    const { rows } = await this.pool.query<Omit<PendingEvidence, 'occurredAt'> & { occurredAt: Date }>(
      `select organisation_id as "organisationId", statement_id as "statementId", kind, occurred_at as "occurredAt", title,
              capability_ids as "capabilityIds", indicator_ids as "indicatorIds", source, by_whom as by
         from ${schema()}.records where worker_id = $1 and pending and withdrawn_at is null
        order by occurred_at, statement_id`,
      [query.workerId],
    );
    return rows.map((row) => ({ ...row, occurredAt: row.occurredAt.toISOString() }));
  }
}
