import { Inject } from '@nestjs/common';
import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import type pg from 'pg';
import { PG_POOL } from '#libs/platform';
import { listRejections } from '../../clf-conformance/clf-rejections.read-model.js';
import { requireRegistered } from '../../read-model/registered-organisation.js';
import { ListOrganisationClfRejections } from './list-organisation-clf-rejections.query.js';

@QueryHandler(ListOrganisationClfRejections)
export class ListOrganisationClfRejectionsHandler implements IQueryHandler<ListOrganisationClfRejections> {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  async execute(query: ListOrganisationClfRejections) {
    // The bootstrap LRS client's `default` organisation exists without being registered.
    if (query.organisationId !== 'default') await requireRegistered(this.pool, query.organisationId);
    return listRejections(this.pool, query.organisationId, query.client, query.page);
  }
}
