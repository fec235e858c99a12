import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { organisationStaff } from '../../read-model/organisation-staff.js';
import { requireRegistered } from '../../read-model/registered-organisation.js';
import { GetOrganisationStaff } from './get-organisation-staff.query.js';

@QueryHandler(GetOrganisationStaff)
export class GetOrganisationStaffHandler implements IQueryHandler<GetOrganisationStaff> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetOrganisationStaff) {
    await requireRegistered(this.pool, query.organisationId);
    return organisationStaff(this.pool, query.organisationId, query.page, query.today);
  }
}
