import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { stageHistory } from '../../read-model/stage-history.js';
import { GetStageHistory } from './get-stage-history.query.js';

@QueryHandler(GetStageHistory)
export class GetStageHistoryHandler implements IQueryHandler<GetStageHistory> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetStageHistory) {
    return stageHistory(this.pool, query.workerId, query.visibility);
  }
}
