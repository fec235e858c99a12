import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { listRejections } from '../../clf-conformance/clf-rejections.read-model.js';
import { ListClientClfRejections } from './list-client-clf-rejections.query.js';

@QueryHandler(ListClientClfRejections)
export class ListClientClfRejectionsHandler implements IQueryHandler<ListClientClfRejections> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListClientClfRejections) {
    return listRejections(this.pool, query.organisationId, query.client, query.page);
  }
}
