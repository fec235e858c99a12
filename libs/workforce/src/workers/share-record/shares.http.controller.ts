import { Body, Controller, Get, HttpCode, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { assertCan, CurrentViewer, isPlatformAdmin, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { ListShares, ShareView } from '../../queries/list-shares/list-shares.query.js';
import { WithdrawShare } from '../withdraw-share/withdraw-share.command.js';
import { ShareRecord, parseShareRecord } from './share-record.command.js';
import { ShareWithdrawn } from '../withdraw-share/withdraw-share.response.js';
import { RecordShared } from './share-record.response.js';
import { shareRecordRequest } from './share-record.request.js';

/**
 * An organisation sees only the evidence recorded in it, plus what the worker shares with it: the
 * worker, signed in, shares their whole record or one piece of evidence with an organisation they are
 * a member of, and withdraws the share when they choose. Nobody else shares for them.
 */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/workers/:id/shares')
export class SharesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What the worker shares with which organisation (the worker, a platform admin)' })
  @ApiOkResponse({ schema: responseSchema(z.array(ShareView)) })
  list(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<ShareView[]> {
    assertCan(isTheWorker(viewer, id) || isPlatformAdmin(viewer), "read this worker's shares");
    return this.queries.execute(new ListShares(id));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'The worker, signed in, shares their whole record or one piece of evidence with an organisation they belong to',
  })
  @ApiBody({ schema: requestSchema(shareRecordRequest) })
  @ApiCreatedResponse({ schema: responseSchema(RecordShared) })
  async share(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown): Promise<RecordShared> {
    assertCan(isTheWorker(viewer, id), "share this worker's record");
    const command = parseShareRecord(id, body);
    await this.commands.execute(new ShareRecord(command, viewer.userId));
    return { id, organisationId: command.withOrganisationId, status: 'shared' };
  }

  @Post('withdraw')
  @ApiOperation({
    summary: 'The worker, signed in, withdraws a share: the organisation no longer sees what it covered',
  })
  @ApiBody({ schema: requestSchema(shareRecordRequest) })
  @ApiCreatedResponse({ schema: responseSchema(ShareWithdrawn) })
  async withdraw(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Body() body: unknown,
  ): Promise<ShareWithdrawn> {
    assertCan(isTheWorker(viewer, id), "withdraw this worker's shares");
    const command = parseShareRecord(id, body);
    await this.commands.execute(new WithdrawShare(command, viewer.userId));
    return { id, organisationId: command.withOrganisationId, status: 'withdrawn' };
  }
}

const isTheWorker = (viewer: Viewer, workerId: string) =>
  viewer.roles.some((r) => r.kind === 'worker' && r.workerId === workerId);
