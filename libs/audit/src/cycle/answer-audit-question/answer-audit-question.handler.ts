import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditAnswerStatement } from '../../statements/audit-statement.js';
import { AuditStatements } from '../../statements/audit-statements.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { AnswerAuditQuestion } from './answer-audit-question.command.js';
import { decideAnswerAuditQuestion } from './answer-audit-question.decider.js';

/** Decides on the cycle as it is (a refusal writes nothing), then records the answer as an audit statement. */
@CommandHandler(AnswerAuditQuestion)
export class AnswerAuditQuestionHandler implements ICommandHandler<AnswerAuditQuestion, void> {
  constructor(
    private readonly streams: AuditStreams,
    private readonly statements: AuditStatements,
  ) {}

  async execute(command: AnswerAuditQuestion): Promise<void> {
    const { state } = await this.streams.load(
      auditCycleStream(command.auditId),
      auditCycleFold.initial,
      auditCycleFold.evolve,
    );
    decideAnswerAuditQuestion(command, state);
    await this.statements.record(command, auditAnswerStatement(command, randomUUID(), new Date().toISOString()));
  }
}
