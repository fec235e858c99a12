import { Inject, NotFoundException } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { schema } from '../../read-model/indicator-judgements.js';
import { GetJobRole, type JobRoleView } from './get-job-role.query.js';

@QueryHandler(GetJobRole)
export class GetJobRoleHandler implements IQueryHandler<GetJobRole> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute({ roleId }: GetJobRole): Promise<JobRoleView> {
    const { rows } = await this.pool.query<JobRoleView>(
      `select id, organisation_id as "organisationId", name, requirements, qualifications, training from ${schema()}.roles where id = $1`,
      [roleId],
    );
    if (!rows[0]) throw new NotFoundException(`id: no job role "${roleId}" is defined`);
    return rows[0];
  }
}
