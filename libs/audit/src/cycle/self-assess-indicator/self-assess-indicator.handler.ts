import { randomUUID } from 'node:crypto';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { selfAssessmentStatement } from '../../statements/audit-statement.js';
import { AuditStatements } from '../../statements/audit-statements.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { SelfAssessIndicator } from './self-assess-indicator.command.js';
import { decideSelfAssessIndicator } from './self-assess-indicator.decider.js';

/** Decides on the cycle as it is (a refusal writes nothing), then records the self-assessment as an audit statement. */
@CommandHandler(SelfAssessIndicator)
export class SelfAssessIndicatorHandler implements ICommandHandler<SelfAssessIndicator, void> {
  constructor(
    private readonly streams: AuditStreams,
    private readonly statements: AuditStatements,
  ) {}

  async execute(command: SelfAssessIndicator): Promise<void> {
    const { state } = await this.streams.load(
      auditCycleStream(command.auditId),
      auditCycleFold.initial,
      auditCycleFold.evolve,
    );
    decideSelfAssessIndicator(command, state);
    await this.statements.record(command, selfAssessmentStatement(command, randomUUID(), new Date().toISOString()));
  }
}
