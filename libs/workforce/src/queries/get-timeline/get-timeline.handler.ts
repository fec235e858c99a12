import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { timeline } from '../../read-model/timeline.js';
import { GetTimeline } from './get-timeline.query.js';

@QueryHandler(GetTimeline)
export class GetTimelineHandler implements IQueryHandler<GetTimeline> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetTimeline) {
    return timeline(this.pool, query.workerId, query.filter, query.visibility);
  }
}
