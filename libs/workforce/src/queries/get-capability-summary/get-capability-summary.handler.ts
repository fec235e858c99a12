import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { capabilitySummary } from '../../read-model/organisation-staff.js';
import { requireRegistered } from '../../read-model/registered-organisation.js';
import { GetCapabilitySummary } from './get-capability-summary.query.js';

@QueryHandler(GetCapabilitySummary)
export class GetCapabilitySummaryHandler implements IQueryHandler<GetCapabilitySummary> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetCapabilitySummary) {
    await requireRegistered(this.pool, query.organisationId);
    return capabilitySummary(this.pool, query.organisationId, query.asOf);
  }
}
