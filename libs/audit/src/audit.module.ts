import { SelfAssessIndicatorsHandler } from './cycle/self-assess-indicator/self-assess-indicators.handler.js';
import { SelfAssessIndicatorsHttpController } from './cycle/self-assess-indicator/self-assess-indicators.http.controller.js';
import { Module } from '@nestjs/common';
import { CqrsModule } from '@nestjs/cqrs';
import { AdoptionHttpController } from './adoption/adoption.http.controller.js';
import { RecordAdoptionHandler } from './adoption/record-adoption/record-adoption.handler.js';
import { AnswerAuditQuestionHandler } from './cycle/answer-audit-question/answer-audit-question.handler.js';
import { AuditCyclesHttpController } from './cycle/audit-cycles.http.controller.js';
import { ChangeActionStatusHandler } from './cycle/change-action-status/change-action-status.handler.js';
import { CompleteAuditCycleHandler } from './cycle/complete-audit-cycle/complete-audit-cycle.handler.js';
import { OpenAuditCycleHandler } from './cycle/open-audit-cycle/open-audit-cycle.handler.js';
import { PlanActionHandler } from './cycle/plan-action/plan-action.handler.js';
import { SelfAssessIndicatorHandler } from './cycle/self-assess-indicator/self-assess-indicator.handler.js';
import { GetAdoptionHandler } from './queries/get-adoption/get-adoption.handler.js';
import { GetAuditCycleHandler } from './queries/get-audit-cycle/get-audit-cycle.handler.js';
import { GetAuditHistoryHandler } from './queries/get-audit-history/get-audit-history.handler.js';
import { GetAuditStatusHandler } from './queries/get-audit-status/get-audit-status.handler.js';
import { ListAuditCyclesHandler } from './queries/list-audit-cycles/list-audit-cycles.handler.js';
import { AuditStreams } from './shared/audit-streams.service.js';
import { AuditStatements } from './statements/audit-statements.service.js';
// Audit answers are stored through the LRS's own StatementWriter.
import { XapiModule } from '#libs/xapi';
import { AnswerStaffSurveyHandler } from './survey/answer-staff-survey/answer-staff-survey.handler.js';
import { StaffSurveyHttpController } from './survey/staff-survey.http.controller.js';
import { MySurveysHttpController } from './survey/my-surveys.http.controller.js';
import { ListMySurveysHandler } from './queries/list-my-surveys/list-my-surveys.handler.js';

/**
 * The organisational self-audit and CLF adoption under /api/organisations/:id. Needs PlatformModule
 * (EVENT_STORE, PG_POOL) and the workforce's WORKER_DIRECTORY (global).
 */
@Module({
  // forRoot is idempotent for Nest's purposes here: the composition root may also import it.
  imports: [CqrsModule.forRoot(), XapiModule],
  controllers: [
    AuditCyclesHttpController,
    StaffSurveyHttpController,
    MySurveysHttpController,
    AdoptionHttpController,
    SelfAssessIndicatorsHttpController,
  ],
  providers: [
    AuditStreams,
    AuditStatements,
    OpenAuditCycleHandler,
    AnswerAuditQuestionHandler,
    SelfAssessIndicatorHandler,
    SelfAssessIndicatorsHandler,
    PlanActionHandler,
    ChangeActionStatusHandler,
    CompleteAuditCycleHandler,
    AnswerStaffSurveyHandler,
    RecordAdoptionHandler,
    ListAuditCyclesHandler,
    GetAuditCycleHandler,
    GetAuditStatusHandler,
    GetAuditHistoryHandler,
    GetAdoptionHandler,
    ListMySurveysHandler,
  ],
})
export class AuditModule {}
