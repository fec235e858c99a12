import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { appendRequest, AuditStreams, metadataOf } from '../../shared/audit-streams.service.js';
import {
  STAFF_SURVEY_EVENTS as SURVEY,
  surveyAnswersStream,
  type StaffSurveyClosed,
} from '../../survey/staff-survey.events.js';
import { AuditStatements } from '../../statements/audit-statements.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { CompleteAuditCycle } from './complete-audit-cycle.command.js';
import { decideCompleteAuditCycle } from './complete-audit-cycle.decider.js';

/**
 * Appends the completion to the cycle and closes its survey (\`audit.StaffSurveyClosed\` in the survey's
 * stream, which answers append to at the revision they read) together, each at the revision read.
 */
@CommandHandler(CompleteAuditCycle)
export class CompleteAuditCycleHandler implements ICommandHandler<CompleteAuditCycle, void> {
  constructor(
    private readonly streams: AuditStreams,
    private readonly statements: AuditStatements,
  ) {}

  async execute(command: CompleteAuditCycle): Promise<void> {
    const { auditId, organisationId } = command;
    await this.statements.settled(organisationId, auditId);
    const metadata = metadataOf({ actor: command.actor, tenantId: organisationId }, command.completedOn);
    await this.streams.decideAcross(async () => {
      const [cycle, survey] = await Promise.all([
        this.streams.load(auditCycleStream(auditId), auditCycleFold.initial, auditCycleFold.evolve),
        this.streams.load(surveyAnswersStream(auditId), null, () => null),
      ]);
      const completed = decideCompleteAuditCycle(command, cycle.state);
      const closed: StaffSurveyClosed = { type: SURVEY.closed, version: 1, data: { auditId, organisationId } };
      // The completion first: where streams are appended one after the other (EventStoreDB), a survey
      // closed on a cycle left open would refuse its workers.
      return [
        appendRequest(auditCycleStream(auditId), cycle.revision ?? 'no_stream', completed, metadata),
        appendRequest(surveyAnswersStream(auditId), survey.revision ?? 'no_stream', [closed], metadata),
      ];
    });
  }
}
