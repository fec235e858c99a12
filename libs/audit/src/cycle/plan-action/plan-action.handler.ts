import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { z } from 'zod';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { auditCycleFold } from '../audit-cycle.js';
import { PlanAction } from './plan-action.command.js';
import { decidePlanAction } from './plan-action.decider.js';
import type { planActionResponse } from './plan-action.response.js';

type PlannedAction = z.output<typeof planActionResponse>;

@CommandHandler(PlanAction)
export class PlanActionHandler implements ICommandHandler<PlanAction, PlannedAction> {
  constructor(private readonly streams: AuditStreams) {}

  async execute(command: PlanAction): Promise<PlannedAction> {
    await this.streams.decideOn(
      auditCycleStream(command.auditId),
      auditCycleFold,
      (s) => decidePlanAction(command, s),
      {
        actor: command.actor,
        tenantId: command.organisationId,
      },
    );
    return { id: command.actionId };
  }
}
