import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { z } from 'zod';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { ChangeActionStatus } from './change-action-status.command.js';
import { decideChangeActionStatus } from './change-action-status.decider.js';
import type { changeActionStatusResponse } from './change-action-status.response.js';

type ActionStatusChange = z.output<typeof changeActionStatusResponse>;

@CommandHandler(ChangeActionStatus)
export class ChangeActionStatusHandler implements ICommandHandler<ChangeActionStatus, ActionStatusChange> {
  constructor(private readonly streams: AuditStreams) {}

  async execute(command: ChangeActionStatus): Promise<ActionStatusChange> {
    const events = await this.streams.decideOn(
      auditCycleStream(command.auditId),
      auditCycleFold,
      (s) => decideChangeActionStatus(command, s),
      { actor: command.actor, tenantId: command.organisationId },
      command.changedOn,
    );
    return { changed: events.length > 0 };
  }
}
