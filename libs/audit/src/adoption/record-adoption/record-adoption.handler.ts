import { Inject } from '@nestjs/common';
import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import type { z } from 'zod';
import type { EventStore } from '#libs/event-store';
import { EVENT_STORE } from '#libs/platform';
import { organisationStream } from '#libs/workforce';
import { AuditStreams } from '../../shared/audit-streams.service.js';
import { adoptionStream } from '../adoption.events.js';
import { RecordAdoption } from './record-adoption.command.js';
import { decideRecordAdoption, evolveAdoption, initialAdoption } from './record-adoption.decider.js';
import type { recordAdoptionResponse } from './record-adoption.response.js';

type AdoptionRecording = z.output<typeof recordAdoptionResponse>;

@CommandHandler(RecordAdoption)
export class RecordAdoptionHandler implements ICommandHandler<RecordAdoption, AdoptionRecording> {
  constructor(
    private readonly streams: AuditStreams,
    @Inject(EVENT_STORE) private readonly store: EventStore,
  ) {}

  async execute(command: RecordAdoption): Promise<AdoptionRecording> {
    const registered =
      (await this.store.readStream(organisationStream(command.organisationId), { maxCount: 1 })).length > 0;
    const events = await this.streams.decideOn(
      adoptionStream(command.organisationId),
      { initial: initialAdoption, evolve: evolveAdoption },
      (state) => decideRecordAdoption(command, state, registered),
      { actor: command.actor, tenantId: command.organisationId },
      command.effectiveOn,
    );
    return { recorded: events.length > 0 };
  }
}
