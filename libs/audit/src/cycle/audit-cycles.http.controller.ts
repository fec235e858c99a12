import { randomUUID } from 'node:crypto';
import { Body, Controller, Get, HttpCode, Param, Post, Put, Query, UseGuards } from '@nestjs/common';
import { CommandBus, QueryBus } from '@nestjs/cqrs';
import {
  ApiBearerAuth,
  ApiBody,
  ApiCreatedResponse,
  ApiNoContentResponse,
  ApiOkResponse,
  ApiOperation,
  ApiQuery,
  ApiTags,
} from '@nestjs/swagger';
import { assertCan, canManageOrganisation, CurrentViewer, SignedInGuard, type Viewer } from '#libs/identity';
import { requestSchema, responseSchema } from '#libs/platform';
import { GetAuditCycle } from '../queries/get-audit-cycle/get-audit-cycle.query.js';
import { getAuditCycleResponse } from '../queries/get-audit-cycle/get-audit-cycle.response.js';
import { GetAuditHistory } from '../queries/get-audit-history/get-audit-history.query.js';
import { getAuditHistoryResponse } from '../queries/get-audit-history/get-audit-history.response.js';
import { GetAuditStatus } from '../queries/get-audit-status/get-audit-status.query.js';
import { getAuditStatusResponse } from '../queries/get-audit-status/get-audit-status.response.js';
import { ListAuditCycles } from '../queries/list-audit-cycles/list-audit-cycles.query.js';
import { listAuditCyclesResponse } from '../queries/list-audit-cycles/list-audit-cycles.response.js';
import { dateOrToday, todayUtc } from '../shared/input.js';
import { AnswerAuditQuestion } from './answer-audit-question/answer-audit-question.command.js';
import { ChangeActionStatus } from './change-action-status/change-action-status.command.js';
import { changeActionStatusResponse } from './change-action-status/change-action-status.response.js';
import { CompleteAuditCycle } from './complete-audit-cycle/complete-audit-cycle.command.js';
import { OpenAuditCycle } from './open-audit-cycle/open-audit-cycle.command.js';
import { openAuditCycleResponse } from './open-audit-cycle/open-audit-cycle.response.js';
import { PlanAction } from './plan-action/plan-action.command.js';
import { planActionResponse } from './plan-action/plan-action.response.js';
import { SelfAssessIndicator } from './self-assess-indicator/self-assess-indicator.command.js';
import { openAuditCycleRequest } from './open-audit-cycle/open-audit-cycle.request.js';
import { answerAuditQuestionRequest } from './answer-audit-question/answer-audit-question.request.js';
import { selfAssessIndicatorRequest } from './self-assess-indicator/self-assess-indicator.request.js';
import { planActionRequest } from './plan-action/plan-action.request.js';
import { changeActionStatusRequest } from './change-action-status/change-action-status.request.js';
import { completeAuditCycleRequest } from './complete-audit-cycle/complete-audit-cycle.request.js';

/**
 * The CLF self-audit of an organisation (seed 003): its learning leads and platform admins only. Another
 * organisation's lead gets a 403 with no data; a cycle of another organisation is a 404 under this one.
 */
@ApiTags('audit')
@ApiBearerAuth()
@UseGuards(SignedInGuard)
@Controller('api/organisations/:id')
export class AuditCyclesHttpController {
  constructor(
    private readonly commands: CommandBus,
    private readonly queries: QueryBus,
  ) {}

  @Post('audits')
  @HttpCode(201)
  @ApiOperation({
    summary: 'Opens an audit cycle; surveyThreshold is the share agreeing that evidences a worker indicator',
  })
  @ApiBody({ schema: requestSchema(openAuditCycleRequest) })
  @ApiCreatedResponse({ description: 'Opened', schema: responseSchema(openAuditCycleResponse) })
  open(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Body() body: unknown) {
    mayAudit(viewer, id);
    return this.commands.execute(OpenAuditCycle.parse(id, randomUUID(), body, viewer.userId));
  }

  @Get('audits')
  @ApiOperation({ summary: "The organisation's audit cycles with their dates and state (open or completed)" })
  @ApiOkResponse({ schema: responseSchema(listAuditCyclesResponse) })
  list(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    mayAudit(viewer, id);
    return this.queries.execute(new ListAuditCycles(id));
  }

  @Get('audits/:auditId')
  @ApiOperation({
    summary: 'One cycle: answers, self-assessments, staff survey counts (none under 5 respondents), actions and stages',
  })
  @ApiOkResponse({ schema: responseSchema(getAuditCycleResponse) })
  get(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Param('auditId') auditId: string) {
    mayAudit(viewer, id);
    return this.queries.execute(new GetAuditCycle(id, auditId));
  }

  @Put('audits/:auditId/answers/:questionId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Reflections and evidence for an audit question (ids as in GET /api/framework/audit)' })
  @ApiBody({ schema: requestSchema(answerAuditQuestionRequest) })
  @ApiNoContentResponse({ description: 'Answered' })
  async answer(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    await this.commands.execute(AnswerAuditQuestion.parse(p.id!, p.auditId!, p.questionId!, body, viewer.userId));
  }

  @Put('audits/:auditId/indicators/:indicatorId')
  @HttpCode(204)
  @ApiOperation({ summary: 'Self-assessment of an organisation indicator (ids as in GET /api/framework)' })
  @ApiBody({ schema: requestSchema(selfAssessIndicatorRequest) })
  @ApiNoContentResponse({ description: 'Self-assessed' })
  async selfAssess(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    await this.commands.execute(SelfAssessIndicator.parse(p.id!, p.auditId!, p.indicatorId!, body, viewer.userId));
  }

  @Post('audits/:auditId/actions')
  @HttpCode(201)
  @ApiOperation({ summary: 'Plans an action for an indicator (review and action planning); answers { id }' })
  @ApiBody({ schema: requestSchema(planActionRequest) })
  @ApiCreatedResponse({ description: 'Planned', schema: responseSchema(planActionResponse) })
  plan(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    return this.commands.execute(PlanAction.parse(p.id!, p.auditId!, randomUUID(), body, viewer.userId));
  }

  @Put('audits/:auditId/actions/:actionId')
  @ApiOperation({ summary: "An action's status: open, done or dropped (also after the cycle is completed)" })
  @ApiBody({ schema: requestSchema(changeActionStatusRequest) })
  @ApiOkResponse({ schema: responseSchema(changeActionStatusResponse) })
  changeAction(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    return this.commands.execute(ChangeActionStatus.parse(p.id!, p.auditId!, p.actionId!, body, viewer.userId));
  }

  @Post('audits/:auditId/complete')
  @HttpCode(204)
  @ApiOperation({ summary: 'Completes the cycle; from completedOn its stages are the organisation’s audit status' })
  @ApiBody({ schema: requestSchema(completeAuditCycleRequest) })
  @ApiNoContentResponse({ description: 'Completed' })
  async complete(@CurrentViewer() viewer: Viewer, @Param() p: Record<string, string>, @Body() body: unknown) {
    mayAudit(viewer, p.id!);
    await this.commands.execute(CompleteAuditCycle.parse(p.id!, p.auditId!, body, viewer.userId));
  }

  @Get('audit-status')
  @ApiOperation({
    summary:
      'Audit status as of a date: the latest cycle completed on or before it (stages, areas for development, actions)',
  })
  @ApiQuery({ name: 'asOf', required: false, description: 'YYYY-MM-DD, default today' })
  @ApiOkResponse({ schema: responseSchema(getAuditStatusResponse) })
  status(@CurrentViewer() viewer: Viewer, @Param('id') id: string, @Query('asOf') asOf?: string) {
    mayAudit(viewer, id);
    return this.queries.execute(new GetAuditStatus(id, dateOrToday(asOf, 'asOf', todayUtc())));
  }

  @Get('audit-history')
  @ApiOperation({
    summary:
      'Every completed cycle by completion date with its stages and the movement (up, same, down) since the one before',
  })
  @ApiOkResponse({ schema: responseSchema(getAuditHistoryResponse) })
  history(@CurrentViewer() viewer: Viewer, @Param('id') id: string) {
    mayAudit(viewer, id);
    return this.queries.execute(new GetAuditHistory(id));
  }
}

export function mayAudit(viewer: Viewer, organisationId: string): void {
  assertCan(canManageOrganisation(viewer, organisationId), 'audit this organisation or read its audits');
}
