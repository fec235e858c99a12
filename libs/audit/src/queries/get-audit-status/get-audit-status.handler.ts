import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { factsOf, latestCompletedCycle } from '../../read-model/audit-read-model.js';
import { assertOrganisationRegistered } from '../../shared/organisation-registered.js';
import { capabilityStatuses, statusesBeforeAnyCycle } from '../../status/audit-status.js';
import { GetAuditStatus } from './get-audit-status.query.js';
import type { getAuditStatusResponse } from './get-audit-status.response.js';

@QueryHandler(GetAuditStatus)
export class GetAuditStatusHandler implements IQueryHandler<GetAuditStatus> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ organisationId, asOf }: GetAuditStatus): Promise<z.output<typeof getAuditStatusResponse>> {
    await assertOrganisationRegistered(this.store, organisationId);
    const cycle = await latestCompletedCycle(this.pool, organisationId, asOf);
    if (!cycle)
      return { organisationId, asOf, auditId: null, completedOn: null, capabilities: statusesBeforeAnyCycle() };
    // The plan's progress as it stood on that date, like the stages.
    const capabilities = capabilityStatuses(await factsOf(this.pool, cycle, asOf));
    return { organisationId, asOf, auditId: cycle.id, completedOn: cycle.completedOn, capabilities };
  }
}
