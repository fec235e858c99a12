import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { AnswerAuditQuestion } from './answer-audit-question.command.js';
import { decideAnswerAuditQuestion } from './answer-audit-question.decider.js';

@CommandHandler(AnswerAuditQuestion)
export class AnswerAuditQuestionHandler implements ICommandHandler<AnswerAuditQuestion, void> {
  constructor(private readonly streams: AuditStreams) {}

  async execute(command: AnswerAuditQuestion): Promise<void> {
    await this.streams.decideOn(auditCycleStream(command.auditId), auditCycleFold, (s) => decideAnswerAuditQuestion(command, s), {
      actor: command.actor,
      tenantId: command.organisationId,
    });
  }
}
