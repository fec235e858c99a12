import { Body, Controller, Get, HttpCode, Inject, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { assertCan, CurrentViewer, isPlatformAdmin, SignedInGuard, type Viewer } from '#libs/identity';
import { PG_POOL } from '#libs/platform';
import { workerStream } from '../../domain/events.js';
import { CommandBus } from '../../http/command-bus.service.js';
import { WorkforceErrorFilter } from '../../http/workforce-error.filter.js';
import { schema } from '../../queries/indicator-judgements.js';
import { evolveWorker, initialWorker } from '../worker.js';
import { registered } from '../worker-commands.js';
import { decideShareRecord, decideWithdrawShare, parseShareRecord, type ShareRecord } from './share-record.decider.js';

const SHARE_BODY = {
  schema: {
    type: 'object',
    required: ['organisationId'],
    properties: {
      organisationId: {
        type: 'string',
        description: 'the organisation to share with: one the worker is a current member of',
      },
      evidence: {
        type: 'object',
        description:
          'one piece of evidence (the organisation whose LRS stored it and the statement id); absent: the whole record',
        properties: { organisationId: { type: 'string' }, statementId: { type: 'string' } },
      },
    },
  },
};

/**
 * An organisation sees only the evidence recorded in it, plus what the worker shares with it: the
 * worker, signed in, shares their whole record or one piece of evidence with an organisation they are
 * a member of, and withdraws the share when they choose. Nobody else shares for them.
 */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/workers/:id/shares')
export class SharesHttpController {
  constructor(
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
  ) {}

  @Get()
  @ApiOperation({ summary: 'What the worker shares with which organisation (the worker, a platform admin)' })
  async list(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    assertCan(isTheWorker(viewer, id) || isPlatformAdmin(viewer), "read this worker's shares");
    const { state } = await this.commands.load(workerStream(id), initialWorker, evolveWorker);
    return registered(state, id).shares.map((s) => ({
      organisationId: s.withOrganisationId,
      ...(s.scope.kind === 'record'
        ? { scope: 'record' }
        : {
            scope: 'evidence',
            evidence: { organisationId: s.scope.organisationId, statementId: s.scope.statementId },
          }),
    }));
  }

  @Post()
  @HttpCode(201)
  @ApiOperation({
    summary:
      'The worker, signed in, shares their whole record or one piece of evidence with an organisation they belong to',
  })
  @ApiBody(SHARE_BODY)
  async share(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    assertCan(isTheWorker(viewer, id), "share this worker's record");
    const command = parseShareRecord(id, body);
    const onRecord = await this.onRecord(command);
    await this.commands.run(
      {
        streamId: workerStream(id),
        initial: initialWorker,
        evolve: evolveWorker,
        decide: (s) => decideShareRecord(command, s, onRecord, viewer.userId),
      },
      { actor: viewer.userId, tenantId: command.withOrganisationId },
    );
    return { id, organisationId: command.withOrganisationId, status: 'shared' };
  }

  @Post('withdraw')
  @ApiOperation({
    summary: 'The worker, signed in, withdraws a share: the organisation no longer sees what it covered',
  })
  @ApiBody(SHARE_BODY)
  async withdraw(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    assertCan(isTheWorker(viewer, id), "withdraw this worker's shares");
    const command = parseShareRecord(id, body);
    await this.commands.run(
      {
        streamId: workerStream(id),
        initial: initialWorker,
        evolve: evolveWorker,
        decide: (s) => decideWithdrawShare(command, s, viewer.userId),
      },
      { actor: viewer.userId, tenantId: command.withOrganisationId },
    );
    return { id, organisationId: command.withOrganisationId, status: 'withdrawn' };
  }

  /** Whether the evidence to share is on the worker's record (withdrawn evidence is not). */
  private async onRecord(command: ShareRecord): Promise<boolean> {
    if (command.scope.kind === 'record') return true;
    const { rows } = await this.pool.query(
      `select 1 from ${schema()}.records where worker_id = $1 and organisation_id = $2 and statement_id = $3 and withdrawn_at is null`,
      [command.workerId, command.scope.organisationId, command.scope.statementId],
    );
    return rows.length > 0;
  }
}

const isTheWorker = (viewer: Viewer, workerId: string) =>
  viewer.roles.some((r) => r.kind === 'worker' && r.workerId === workerId);
