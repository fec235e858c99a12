import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LrsAuthGuard } from '../auth/lrs-auth.guard.js';
import type { LrsPrincipal } from '../auth/lrs-principal.js';
import { Principal } from '../auth/principal.decorator.js';
import { RequireScope } from '../auth/require-scope.decorator.js';
import { queryOf, sendJson } from '../documents/shared/document-http.js';
import { activityIdParam, checkParameterNames } from '../documents/shared/document-params.js';
import { ActivitiesService } from './activities.service.js';

const SECTION = 'Communication 2.5';

/**
 * The Activities Resource, GET /xapi/activities?activityId= (Communication 2.5; IEEE 9274.1.1
 * 4.1.6.4). Any client that may read something of its organisation may read Activity definitions.
 */
@ApiExcludeController()
@UseGuards(LrsAuthGuard)
@Controller('xapi/activities')
export class ActivitiesHttpController {
  constructor(@Inject(ActivitiesService) private readonly activities: ActivitiesService) {}

  @Get()
  @RequireScope('statements/read/mine', 'all/read', 'define', 'state', 'profile')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const query = queryOf(request);
    checkParameterNames(query, ['activityId'], 'the Activities Resource');
    const activityId = activityIdParam(query, SECTION);
    return sendJson(reply, await this.activities.activity(principal.organisationId, activityId));
  }
}
