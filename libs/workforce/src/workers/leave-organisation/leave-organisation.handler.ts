import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { LeaveOrganisation } from './leave-organisation.command.js';
import { decideLeaveOrganisation } from './leave-organisation.decider.js';

@CommandHandler(LeaveOrganisation)
export class LeaveOrganisationHandler implements ICommandHandler<LeaveOrganisation, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ membership, actor, today, reach }: LeaveOrganisation): Promise<void> {
    await decideOnWorker(
      this.streams,
      membership.workerId,
      (s) => decideLeaveOrganisation(membership, s, today, reach),
      {
        actor,
        tenantId: membership.organisationId,
      },
    );
  }
}
