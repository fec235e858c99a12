import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { roleGap } from '../../read-model/role-gap.js';
import { GetRoleGap } from './get-role-gap.query.js';

@QueryHandler(GetRoleGap)
export class GetRoleGapHandler implements IQueryHandler<GetRoleGap> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetRoleGap) {
    return roleGap(this.pool, query.workerId, query.roleId, query.asOf, query.visibility);
  }
}
