import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { adoptionOf } from '../../read-model/audit-read-model.js';
import { assertOrganisationRegistered } from '../../shared/organisation-registered.js';
import { GetAdoption } from './get-adoption.query.js';
import type { getAdoptionResponse } from './get-adoption.response.js';

@QueryHandler(GetAdoption)
export class GetAdoptionHandler implements IQueryHandler<GetAdoption> {
  constructor(
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute({ organisationId, asOf }: GetAdoption): Promise<z.output<typeof getAdoptionResponse>> {
    await assertOrganisationRegistered(this.store, organisationId);
    const history = await adoptionOf(this.pool, organisationId);
    // History is ordered by effective date: the last entry on or before asOf is the status then.
    const current = history.filter((h) => h.date <= asOf).at(-1)?.status ?? null;
    return { organisationId, asOf, current, history };
  }
}
