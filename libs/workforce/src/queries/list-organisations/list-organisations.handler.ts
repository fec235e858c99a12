import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { listOrganisations } from '../../read-model/organisations.js';
import { ListOrganisations } from './list-organisations.query.js';

@QueryHandler(ListOrganisations)
export class ListOrganisationsHandler implements IQueryHandler<ListOrganisations> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListOrganisations) {
    return listOrganisations(this.pool, query.page, query.only, query.search);
  }
}
