import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { capabilityProfile } from '../../read-model/capability-profile.js';
import { GetCapabilityProfile } from './get-capability-profile.query.js';

@QueryHandler(GetCapabilityProfile)
export class GetCapabilityProfileHandler implements IQueryHandler<GetCapabilityProfile> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: GetCapabilityProfile) {
    return capabilityProfile(this.pool, query.workerId, query.asOf, query.visibility);
  }
}
