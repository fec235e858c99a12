import { Controller, Delete, Get, Inject, Post, Put, Req, Res, UseGuards } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { FastifyReply, FastifyRequest } from 'fastify';
import { LrsAuthGuard } from '../../auth/lrs-auth.guard.js';
import type { LrsPrincipal } from '../../auth/lrs-principal.js';
import { Principal } from '../../auth/principal.decorator.js';
import { RequireScope } from '../../auth/require-scope.decorator.js';
import { notFound } from '../../http/xapi-errors.js';
import {
  incomingDocument,
  preconditionsOf,
  queryOf,
  sendDocument,
  sendIds,
  sendNoContent,
  versionOf,
  writerOf,
} from '../shared/document-http.js';
import { DocumentStore } from '../shared/document-store.service.js';
import { agentProfileGetParams, agentProfileWriteParams } from './agent-profile-params.js';

/** The Agent Profile Resource, /xapi/agents/profile (Communication 2.6; IEEE 9274.1.1 4.1.6.5). */
@ApiExcludeController()
@UseGuards(LrsAuthGuard)
@Controller('xapi/agents/profile')
export class AgentProfileHttpController {
  constructor(@Inject(DocumentStore) private readonly documents: DocumentStore) {}

  @Get()
  @RequireScope('profile', 'all/read')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const params = agentProfileGetParams(queryOf(request), versionOf(request));
    if ('key' in params) {
      const document = await this.documents.get(principal.organisationId, params.key);
      if (!document) throw notFound(`No agent profile document "${params.key.documentId}" for this agent`);
      return sendDocument(request, reply, document);
    }
    return sendIds(reply, await this.documents.listIds(principal.organisationId, params.context, params.since));
  }

  @Put()
  @RequireScope('profile')
  async put(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const key = agentProfileWriteParams(queryOf(request), versionOf(request));
    await this.documents.put(writerOf(request, principal), key, incomingDocument(request), preconditionsOf(request));
    return sendNoContent(reply);
  }

  @Post()
  @RequireScope('profile')
  async post(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const key = agentProfileWriteParams(queryOf(request), versionOf(request));
    await this.documents.post(writerOf(request, principal), key, incomingDocument(request), preconditionsOf(request));
    return sendNoContent(reply);
  }

  @Delete()
  @RequireScope('profile')
  async delete(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const key = agentProfileWriteParams(queryOf(request), versionOf(request));
    await this.documents.delete(writerOf(request, principal), key, preconditionsOf(request));
    return sendNoContent(reply);
  }
}
