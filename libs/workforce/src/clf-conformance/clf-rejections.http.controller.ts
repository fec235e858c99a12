import { Controller, Get, Param, Query, UseGuards } from '@nestjs/common';
import { QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { ListOrganisationClfRejections } from '../queries/list-organisation-clf-rejections/list-organisation-clf-rejections.query.js';
import { rejectionsPageOf, RejectionsList } from './clf-rejections.read-model.js';

/** Every LRS client of an organisation, for its learning lead (or a platform admin). */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations')
export class ClfRejectionsHttpController {
  constructor(private readonly queries: QueryBus) {}

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
  @ApiOkResponse({ schema: responseSchema(RejectionsList) })
  list(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { client?: string; limit?: string; after?: string },
  ): Promise<RejectionsList> {
    assertCan(canManageOrganisation(viewer, id), "read this organisation's CLF statement rejections");
    return this.queries.execute(new ListOrganisationClfRejections(id, query.client, rejectionsPageOf(query)));
  }
}
