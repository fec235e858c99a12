import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE } from '#libs/platform';
import { organisationStream } from '#libs/workforce';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { auditCycleStream } from '../audit-cycle.events.js';
import { evolveAuditCycle, initialAuditCycle } from '../audit-cycle.js';
import { OpenAuditCycle } from './open-audit-cycle.command.js';
import { decideOpenAuditCycle } from './open-audit-cycle.decider.js';

@CommandHandler(OpenAuditCycle)
export class OpenAuditCycleHandler implements ICommandHandler<OpenAuditCycle, { id: string }> {
  constructor(
    private readonly streams: AuditStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: OpenAuditCycle): Promise<{ id: string }> {
    // Only what the organisation's first event fixes is used: that it is registered.
    const registered = (await this.store.readStream(organisationStream(command.organisationId), { maxCount: 1 })).length > 0;
    await this.streams.decideOn(
      auditCycleStream(command.auditId),
      { initial: initialAuditCycle, evolve: evolveAuditCycle },
      (state) => decideOpenAuditCycle(command, state, registered),
      { actor: command.actor, tenantId: command.organisationId },
      command.startedOn,
    );
    return { id: command.auditId };
  }
}
