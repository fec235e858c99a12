import { Controller, Get, Param, Post, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { z } from 'zod';
import { assertCan, canAcceptEvidenceFor, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { responseSchema } from '#libs/platform';
import { WorkerAccess } from '../http/worker-access.service.js';
import { ListPendingEvidence, PendingEvidence } from '../queries/list-pending-evidence/list-pending-evidence.query.js';
import { AcceptEvidence } from './accept-evidence/accept-evidence.command.js';
import { EvidenceAccepted } from './accept-evidence/accept-evidence.response.js';

/**
 * Evidence about a worker sent by an organisation they did not belong to at the statement's time (a
 * training provider's LMS, another employer's assessor) is pending on their record: it counts towards
 * stages once the worker, or a learning lead of one of their organisations, accepts it. The statement
 * stays in the sender's LRS; only the sender can withdraw it.
 */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/workers/:id/pending-evidence')
export class PendingEvidenceHttpController {
  constructor(
    private readonly access: WorkerAccess,
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary: "Evidence waiting for the worker's acceptance (the worker, a learning lead of theirs, a platform admin)",
  })
  @ApiOkResponse({ schema: responseSchema(z.array(PendingEvidence).describe('Oldest first')) })
  async list(@CurrentViewer() viewer: Viewer, @Param('id') id: string): Promise<PendingEvidence[]> {
    assertCan(canAcceptEvidenceFor(viewer, await this.access.target(id)), "read this worker's pending evidence");
    await this.access.existing(id);
    return this.queries.execute(new ListPendingEvidence(id));
  }

  @Post(':organisationId/:statementId/accept')
  @ApiOperation({
    summary:
      'Accepts pending evidence: it counts from now on (the worker, a learning lead of theirs, a platform admin)',
  })
  @ApiCreatedResponse({ schema: responseSchema(EvidenceAccepted) })
  async accept(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('organisationId') organisationId: string,
    @Param('statementId') statementId: string,
  ): Promise<EvidenceAccepted> {
    assertCan(canAcceptEvidenceFor(viewer, await this.access.target(id)), "accept this worker's pending evidence");
    await this.commands.execute(new AcceptEvidence(id, organisationId, statementId, viewer.userId));
    return { statementId: statementId.toLowerCase(), organisationId, status: 'accepted' };
  }
}
