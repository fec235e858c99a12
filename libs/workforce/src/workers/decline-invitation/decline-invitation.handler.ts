import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideDeclineInvitation } from '../join-organisation/join-organisation.decider.js';
import { decideOnWorker } from '../worker-commands.js';
import { DeclineInvitation } from './decline-invitation.command.js';

@CommandHandler(DeclineInvitation)
export class DeclineInvitationHandler implements ICommandHandler<DeclineInvitation, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ workerId, organisationId, actor }: DeclineInvitation): Promise<void> {
    await decideOnWorker(this.streams, workerId, (s) => decideDeclineInvitation(workerId, organisationId, s, actor), {
      actor,
      tenantId: organisationId,
    });
  }
}
