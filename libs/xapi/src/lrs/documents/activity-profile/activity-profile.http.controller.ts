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
import { activityProfileGetParams, activityProfileWriteParams } from './activity-profile-params.js';

/** The Activity Profile Resource, /xapi/activities/profile (Communication 2.7; IEEE 9274.1.1 4.1.6.6). */
@ApiExcludeController()
@UseGuards(LrsAuthGuard)
@Controller('xapi/activities/profile')
export class ActivityProfileHttpController {
  constructor(@Inject(DocumentStore) private readonly documents: DocumentStore) {}

  @Get()
  @RequireScope('profile', 'all/read')
  async get(
    @Req() request: FastifyRequest,
    @Res() reply: FastifyReply,
    @Principal() principal: LrsPrincipal,
  ): Promise<void> {
    const params = activityProfileGetParams(queryOf(request), versionOf(request));
    if ('key' in params) {
      const document = await this.documents.get(principal.organisationId, params.key);
      if (!document) throw notFound(`No activity profile document "${params.key.documentId}" for this activityId`);
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
    const key = activityProfileWriteParams(queryOf(request));
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
    const key = activityProfileWriteParams(queryOf(request));
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
    const key = activityProfileWriteParams(queryOf(request));
    await this.documents.delete(writerOf(request, principal), key, preconditionsOf(request));
    return sendNoContent(reply);
  }
}
