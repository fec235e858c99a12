import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { AuditStatements } from '../../statements/audit-statements.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { CompleteAuditCycle } from './complete-audit-cycle.command.js';
import { decideCompleteAuditCycle } from './complete-audit-cycle.decider.js';

@CommandHandler(CompleteAuditCycle)
export class CompleteAuditCycleHandler implements ICommandHandler<CompleteAuditCycle, void> {
  constructor(
    private readonly streams: AuditStreams,
    private readonly statements: AuditStatements,
  ) {}

  async execute(command: CompleteAuditCycle): Promise<void> {
    await this.statements.settled(command.auditId);
    await this.streams.decideOn(
      auditCycleStream(command.auditId),
      auditCycleFold,
      (s) => decideCompleteAuditCycle(command, s),
      { actor: command.actor, tenantId: command.organisationId },
      command.completedOn,
    );
  }
}
