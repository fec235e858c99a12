import { Body, Controller, Get, HttpCode, Param, Post, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiOperation, ApiQuery, ApiTags } from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { ListWorkersFromStatements } from '../../queries/list-workers-from-statements/list-workers-from-statements.query.js';
import { pageOf } from '../../read-model/organisations.js';
import { WorkersFromStatementsPage } from '../../read-model/workers-from-statements.js';
import { reachOf } from '../../http/worker-access.service.js';
import {
  MergeWorkerFromStatement,
  parseMergeWorkerFromStatement,
} from '../merge-worker-from-statement/merge-worker-from-statement.command.js';
import { WorkerFromStatementMerged } from '../merge-worker-from-statement/merge-worker-from-statement.response.js';
import {
  parseReviewWorkerFromStatement,
  ReviewWorkerFromStatement,
  type ReviewWorkerFromStatementInput,
} from './review-worker-from-statement.command.js';
import { WorkerFromStatementReviewed } from './review-worker-from-statement.response.js';
import { reviewWorkerFromStatementRequest } from './review-worker-from-statement.request.js';
import { mergeWorkerFromStatementRequest } from '../merge-worker-from-statement/merge-worker-from-statement.request.js';

const today = () => new Date().toISOString().slice(0, 10);

/**
 * Issue 14 §3: an LMS statement about an unknown actor registers a worker of the sending client's
 * organisation. Its learning lead (or a platform admin) reviews them here: confirm, or reject.
 */
@ApiTags('workforce')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id/workers-from-statements')
export class WorkersFromStatementsHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Get()
  @ApiOperation({
    summary:
      "The organisation's workers registered from its LRS clients' statements and not yet reviewed, by id, a page at a time (its learning lead or a platform admin)",
    description:
      'Each with name, identifiers, when the first statement was stored (firstSeenAt) and how many records the organisation holds for them.',
  })
  @ApiQuery({ name: 'limit', required: false, description: '1-500, default 50' })
  @ApiQuery({ name: 'after', required: false, description: "the previous page's next" })
  @ApiOkResponse({ schema: responseSchema(WorkersFromStatementsPage) })
  list(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Query() query: { limit?: string; after?: string },
  ): Promise<WorkersFromStatementsPage> {
    mayReview(viewer, id);
    return this.queries.execute(new ListWorkersFromStatements(id, pageOf(query)));
  }

  @Post(':workerId/confirm')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Confirms a worker registered from statements (workforce.WorkerFromStatementConfirmed v1): off the list, still a worker of the organisation. Again: 409',
  })
  @ApiBody({ required: false, schema: requestSchema(reviewWorkerFromStatementRequest) })
  @ApiOkResponse({ schema: responseSchema(WorkerFromStatementReviewed) })
  confirm(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('workerId') workerId: string,
    @Body() body: unknown,
  ): Promise<WorkerFromStatementReviewed> {
    return this.review(viewer, id, workerId, 'confirm', body);
  }

  @Post(':workerId/reject')
  @HttpCode(200)
  @ApiOperation({
    summary:
      'Rejects a worker registered from statements (workforce.WorkerFromStatementRejected v1): off the list, no longer a member of the organisation (roles there end today). Again: 409',
    description:
      'Their statements stay stored. Evidence the organisation sends about them later is pending on their record: it counts only once accepted.',
  })
  @ApiBody({ required: false, schema: requestSchema(reviewWorkerFromStatementRequest) })
  @ApiOkResponse({ schema: responseSchema(WorkerFromStatementReviewed) })
  reject(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('workerId') workerId: string,
    @Body() body: unknown,
  ): Promise<WorkerFromStatementReviewed> {
    return this.review(viewer, id, workerId, 'reject', body);
  }

  @Post(':workerId/merge')
  @HttpCode(200)
  @ApiOperation({
    summary:
      "Merges a worker registered from statements into an existing worker of the organisation (two identifiers of one person): the identifier becomes the existing worker's and the records under it count for them",
    description:
      'Appends workforce.WorkerIdentifierAdded to the existing worker and workforce.WorkerMerged to the statement worker, who leaves the list. ' +
      'Refused: intoWorkerId the same worker (400), or not a current worker of this organisation (409); a statement worker already reviewed (409).',
  })
  @ApiBody({ schema: requestSchema(mergeWorkerFromStatementRequest) })
  @ApiOkResponse({ schema: responseSchema(WorkerFromStatementMerged) })
  async merge(
    @CurrentViewer() viewer: Viewer,
    @Param('id') id: string,
    @Param('workerId') workerId: string,
    @Body() body: unknown,
  ): Promise<WorkerFromStatementMerged> {
    mayReview(viewer, id);
    const merge = parseMergeWorkerFromStatement(id, workerId, body);
    await this.commands.execute(new MergeWorkerFromStatement(merge, viewer.userId, reachOf(viewer)));
    return { id: workerId, organisationId: id, status: 'merged', intoWorkerId: merge.intoWorkerId };
  }

  private async review(
    viewer: Viewer,
    organisationId: string,
    workerId: string,
    outcome: ReviewWorkerFromStatementInput['outcome'],
    body: unknown,
  ): Promise<WorkerFromStatementReviewed> {
    mayReview(viewer, organisationId);
    const review = parseReviewWorkerFromStatement(organisationId, workerId, outcome, body);
    await this.commands.execute(new ReviewWorkerFromStatement(review, viewer.userId, today()));
    return { id: workerId, organisationId, status: outcome === 'confirm' ? 'confirmed' : 'rejected' };
  }
}

/** Access before existence: anyone else is refused alike for a real and an unknown organisation or worker. */
function mayReview(viewer: Viewer, organisationId: string): void {
  assertCan(canManageOrganisation(viewer, organisationId), "review this organisation's workers from statements");
}
