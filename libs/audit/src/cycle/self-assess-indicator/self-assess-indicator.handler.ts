import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { SelfAssessIndicator } from './self-assess-indicator.command.js';
import { decideSelfAssessIndicator } from './self-assess-indicator.decider.js';

@CommandHandler(SelfAssessIndicator)
export class SelfAssessIndicatorHandler implements ICommandHandler<SelfAssessIndicator, void> {
  constructor(private readonly streams: AuditStreams) {}

  async execute(command: SelfAssessIndicator): Promise<void> {
    await this.streams.decideOn(auditCycleStream(command.auditId), auditCycleFold, (s) => decideSelfAssessIndicator(command, s), {
      actor: command.actor,
      tenantId: command.organisationId,
    });
  }
}
