import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { findWorkerByIdentifier } from '../../read-model/workers.js';
import { FindWorkers } from './find-workers.query.js';

@QueryHandler(FindWorkers)
export class FindWorkersHandler implements IQueryHandler<FindWorkers> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: FindWorkers) {
    return findWorkerByIdentifier(this.pool, query.ifi);
  }
}
