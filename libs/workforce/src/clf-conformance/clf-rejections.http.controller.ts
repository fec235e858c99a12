import { Controller, Get, Inject, Param, Query, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { NotFoundError } from '../domain/errors.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { organisationRegistered } from '../queries/organisations.query.js';
import { listRejections, rejectionsPageOf, type RejectionsList } from './clf-rejections.query.js';

/** Every LRS client of an organisation, for its learning lead (or a platform admin). */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/organisations')
export class ClfRejectionsHttpController {
  constructor(@Inject(PG_POOL) private readonly pool: pg.Pool) {}

  @Get(':id/clf-rejections')
  @ApiOperation({
    summary:
      "The organisation's LRS clients' most recent CLF statements that count for nothing, with the reasons (its learning lead or a platform admin)",
    description:
      'Newest first; the 100 most recent per LRS client are kept. Each names the client (its key), the statement, the reason and the template rules it breaks.',
  })
  @ApiQuery({ name: 'client', required: false, description: "one LRS client's key" })
  @ApiQuery({ name: 'limit', required: false, description: '1-100, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  async list(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { client?: string; limit?: string; after?: string },
  ): Promise<RejectionsList> {
    assertCan(canManageOrganisation(viewer, id), "read this organisation's CLF statement rejections");
    const page = rejectionsPageOf(query);
    // The bootstrap LRS client's `default` organisation exists without being registered.
    if (id !== 'default' && !(await organisationRegistered(this.pool, id)))
      throw new NotFoundError('id', `no organisation "${id}" is registered`);
    return listRejections(this.pool, id, query.client, page);
  }
}
