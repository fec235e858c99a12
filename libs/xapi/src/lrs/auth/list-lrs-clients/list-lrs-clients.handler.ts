import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { toView, type ClientRow, type LrsClientView } from '../lrs-client-rows.js';
import { ListLrsClients } from './list-lrs-clients.query.js';

@QueryHandler(ListLrsClients)
export class ListLrsClientsHandler implements IQueryHandler<ListLrsClients, LrsClientView[]> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ organisationId }: ListLrsClients): Promise<LrsClientView[]> {
    const { rows } = await this.pool.query<ClientRow>(
      `select * from lrs_clients where ($1::text is null or organisation_id = $1) order by created_at, id`,
      [organisationId ?? null],
    );
    return rows.map(toView);
  }
}
