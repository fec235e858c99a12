import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { z } from 'zod';
import { WrongExpectedRevisionError, type EventStore } from '#libs/event-store';
import { EVENT_STORE } from '#libs/platform';
import { ConflictError, organisationStream } from '#libs/workforce';
import { appendRequest, AuditStreams, metadataOf } from '../../shared/audit-streams.service.js';
import { auditCycleStream, auditRegisterStream, type AuditCycleRegistered } from '../audit-cycle.events.js';
import { foldAuditCycle } from '../audit-cycle.js';
import { OpenAuditCycle } from './open-audit-cycle.command.js';
import type { openAuditCycleResponse } from './open-audit-cycle.response.js';

type OpenedCycle = z.output<typeof openAuditCycleResponse>;
import { decideOpenAuditCycle, type OrganisationCycles } from './open-audit-cycle.decider.js';

const ATTEMPTS = 3;

/**
 * Appends the cycle's opening and its entry in the organisation's register together, the register at
 * the revision the rule was decided on: a cycle opened meanwhile makes it decide again.
 */
@CommandHandler(OpenAuditCycle)
export class OpenAuditCycleHandler implements ICommandHandler<OpenAuditCycle, OpenedCycle> {
  constructor(
    private readonly streams: AuditStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: OpenAuditCycle): Promise<OpenedCycle> {
    for (let attempt = 1; ; attempt++) {
      const register = await this.store.readStream(auditRegisterStream(command.organisationId));
      const cycle = foldAuditCycle(await this.store.readStream(auditCycleStream(command.auditId)));
      const [opened, registered] = decideOpenAuditCycle(
        command,
        cycle,
        await this.organisationCycles(command.organisationId, register),
      );
      const metadata = metadataOf({ actor: command.actor, tenantId: command.organisationId }, command.startedOn);
      try {
        await this.streams.appendAndWait([
          appendRequest(auditCycleStream(command.auditId), 'no_stream', [opened], metadata),
          appendRequest(
            auditRegisterStream(command.organisationId),
            register.at(-1)?.revision ?? 'no_stream',
            [registered],
            metadata,
          ),
        ]);
        return { id: command.auditId };
      } catch (error) {
        if (!(error instanceof WrongExpectedRevisionError)) throw error;
        if (attempt >= ATTEMPTS)
          throw new ConflictError('id', 'another audit cycle was opened at the same time; try again');
      }
    }
  }

  /** Registered: the organisation's first event exists. Open: the last cycle registered is not completed. */
  private async organisationCycles(
    organisationId: string,
    register: readonly { data: unknown }[],
  ): Promise<OrganisationCycles> {
    const registered = (await this.store.readStream(organisationStream(organisationId), { maxCount: 1 })).length > 0;
    const last = (register.at(-1)?.data as AuditCycleRegistered['data'] | undefined)?.auditId;
    if (last === undefined) return { registered, openCycleId: undefined };
    const state = foldAuditCycle(await this.store.readStream(auditCycleStream(last)));
    return { registered, openCycleId: state.status === 'open' ? last : undefined };
  }
}
