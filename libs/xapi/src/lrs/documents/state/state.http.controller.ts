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
import { stateDeleteParams, stateGetParams, stateWriteParams } from './state-params.js';

/** The State Resource, /xapi/activities/state (Communication 2.3; IEEE 9274.1.1 4.1.6.2). */
@ApiExcludeController()
@UseGuards(LrsAuthGuard)
@Controller('xapi/activities/state')
export class StateHttpController {
  constructor(@Inject(DocumentStore) private readonly documents: DocumentStore) {}

  @Get()
  @RequireScope('state', 'all/read')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const params = stateGetParams(queryOf(request), versionOf(request));
    if ('key' in params) {
      const document = await this.documents.get(principal.organisationId, params.key);
      if (!document)
        throw notFound(`No state document "${params.key.documentId}" for this activityId, agent and registration`);
      return sendDocument(request, reply, document);
    }
    return sendIds(reply, await this.documents.listIds(principal.organisationId, params.context, params.since));
  }

  @Put()
  @RequireScope('state')
  async put(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const key = stateWriteParams(queryOf(request), versionOf(request));
    await this.documents.put(writerOf(request, principal), key, incomingDocument(request), preconditionsOf(request));
    return sendNoContent(reply);
  }

  @Post()
  @RequireScope('state')
  async post(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const key = stateWriteParams(queryOf(request), versionOf(request));
    await this.documents.post(writerOf(request, principal), key, incomingDocument(request), preconditionsOf(request));
    return sendNoContent(reply);
  }

  @Delete()
  @RequireScope('state')
  async delete(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const params = stateDeleteParams(queryOf(request), versionOf(request));
    const writer = writerOf(request, principal);
    if ('key' in params) await this.documents.delete(writer, params.key, preconditionsOf(request));
    else await this.documents.deleteAll(writer, params.context);
    return sendNoContent(reply);
  }
}
