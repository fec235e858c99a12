import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { listRoles } from '../../read-model/organisations.js';
import { requireRegistered } from '../../read-model/registered-organisation.js';
import { ListOrganisationRoles } from './list-organisation-roles.query.js';

@QueryHandler(ListOrganisationRoles)
export class ListOrganisationRolesHandler implements IQueryHandler<ListOrganisationRoles> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListOrganisationRoles) {
    // The bootstrap LRS client's `default` organisation exists without being registered.
    if (query.organisationId !== 'default') await requireRegistered(this.pool, query.organisationId);
    return listRoles(this.pool, query.organisationId, query.page);
  }
}
