import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { requireRegistered } from '../../read-model/registered-organisation.js';
import { workersFromStatements } from '../../read-model/workers-from-statements.js';
import { ListWorkersFromStatements } from './list-workers-from-statements.query.js';

@QueryHandler(ListWorkersFromStatements)
export class ListWorkersFromStatementsHandler implements IQueryHandler<ListWorkersFromStatements> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListWorkersFromStatements) {
    await requireRegistered(this.pool, query.organisationId);
    return workersFromStatements(this.pool, query.organisationId, query.page);
  }
}
