import { Controller, Get, Inject, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LrsAuthGuard } from '../auth/lrs-auth.guard.js';
import type { LrsPrincipal } from '../auth/lrs-principal.js';
import { Principal } from '../auth/principal.decorator.js';
import { RequireScope } from '../auth/require-scope.decorator.js';
import { queryOf, sendJson, versionOf } from '../documents/shared/document-http.js';
import { agentParam, checkParameterNames } from '../documents/shared/document-params.js';
import { AgentsService } from './agents.service.js';

const SECTION = 'Communication 2.4';

/**
 * The Agents Resource, GET /xapi/agents?agent= (Communication 2.4; IEEE 9274.1.1 4.1.6.3). Any
 * client that may read something of its organisation may read Person Objects.
 */
@ApiExcludeController()
@UseGuards(LrsAuthGuard)
@Controller('xapi/agents')
export class AgentsHttpController {
  constructor(@Inject(AgentsService) private readonly agents: AgentsService) {}

  @Get()
  @RequireScope('statements/read/mine', 'all/read', 'define', 'state', 'profile')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const query = queryOf(request);
    checkParameterNames(query, ['agent'], 'the Agents Resource');
    const { agent } = agentParam(query, versionOf(request), SECTION);
    return sendJson(reply, await this.agents.person(principal.organisationId, agent));
  }
}
