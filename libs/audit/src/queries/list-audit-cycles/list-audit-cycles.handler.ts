import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { cyclesOf } from '../../read-model/audit-read-model.js';
import { assertOrganisationRegistered } from '../../shared/organisation-registered.js';
import { ListAuditCycles } from './list-audit-cycles.query.js';
import type { listAuditCyclesResponse } from './list-audit-cycles.response.js';

@QueryHandler(ListAuditCycles)
export class ListAuditCyclesHandler implements IQueryHandler<ListAuditCycles> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ organisationId }: ListAuditCycles): Promise<z.output<typeof listAuditCyclesResponse>> {
    await assertOrganisationRegistered(this.store, organisationId);
    const audits = (await cyclesOf(this.pool, organisationId)).map(({ organisationId: _, ...cycle }) => cycle);
    return { organisationId, audits };
  }
}
