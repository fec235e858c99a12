import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { team } from '../../read-model/team.js';
import { GetTeam } from './get-team.query.js';

@QueryHandler(GetTeam)
export class GetTeamHandler implements IQueryHandler<GetTeam> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetTeam) {
    return team(this.pool, query.organisationId, query.only, query.page, query.asOf);
  }
}
