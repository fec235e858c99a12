import { Controller, Get, Inject, NotFoundException, Param, Post, UseFilters, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOperation, ApiTags } from '@nestjs/swagger';
import type pg from 'pg';
import { assertCan, canAcceptEvidenceFor, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE, PG_POOL } from '#libs/platform';
import { evidenceStream } from '../domain/events.js';
import { CommandBus } from '../http/command-bus.service.js';
import { WorkerAccess } from '../http/worker-access.service.js';
import { WorkforceErrorFilter } from '../http/workforce-error.filter.js';
import { schema } from '../queries/indicator-judgements.js';
import { decideAcceptEvidence } from './statement-reaction.js';

/**
 * Evidence about a worker sent by an organisation they did not belong to at the statement's time (a
 * training provider's LMS, another employer's assessor) is pending on their record: it counts towards
 * stages once the worker, or a learning lead of one of their organisations, accepts it. The statement
 * stays in the sender's LRS; only the sender can withdraw it.
 */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@UseFilters(WorkforceErrorFilter)
@Controller('api/workers/:id/pending-evidence')
export class PendingEvidenceHttpController {
  constructor(
    private readonly access: WorkerAccess,
    private readonly commands: CommandBus,
    @Inject(PG_POOL) private readonly pool: pg.Pool,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Evidence waiting for the worker's acceptance (the worker, a learning lead of theirs, a platform admin)",
  })
  async list(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    assertCan(canAcceptEvidenceFor(viewer, await this.access.target(id)), "read this worker's pending evidence");
    await this.access.existing(id);
    const { rows } = await this.pool.query(
      `select organisation_id as "organisationId", statement_id as "statementId", kind, occurred_at as "occurredAt", title,
              capability_ids as "capabilityIds", indicator_ids as "indicatorIds", source, by_whom as by
         from ${schema()}.records where worker_id = $1 and pending and withdrawn_at is null
        order by occurred_at, statement_id`,
      [id],
    );
    return rows;
  }

  @Post(':organisationId/:statementId/accept')
  @ApiOperation({
    summary:
      'Accepts pending evidence: it counts from now on (the worker, a learning lead of theirs, a platform admin)',
  })
  async accept(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
    @Param('statementId') statementId: string,
  ) {
    assertCan(canAcceptEvidenceFor(viewer, await this.access.target(id)), "accept this worker's pending evidence");
    const statement = statementId.toLowerCase();
    const { rows } = await this.pool.query(
      `select 1 from ${schema()}.records where worker_id = $1 and organisation_id = $2 and statement_id = $3 and pending and withdrawn_at is null`,
      [id, organisationId, statement],
    );
    if (rows.length === 0)
      throw new NotFoundException(
        `statementId: no pending evidence "${statementId}" of organisation "${organisationId}" for this worker`,
      );
    const streamId = evidenceStream(organisationId, statement);
    await this.commands.runAcross(async () => {
      const existing = await this.store.readStream(streamId);
      const events = decideAcceptEvidence(existing, viewer.userId);
      if (events.length === 0) return [];
      const metadata = { actor: viewer.userId, tenantId: organisationId };
      return [
        {
          streamId,
          expectedRevision: existing[existing.length - 1]!.revision,
          events: events.map((e) => ({ ...e, metadata })),
        },
      ];
    }, streamId);
    return { statementId: statement, organisationId, status: 'accepted' };
  }
}
