import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideAcceptInvitation } from '../join-organisation/join-organisation.decider.js';
import { decideOnWorker } from '../worker-commands.js';
import { AcceptInvitation } from './accept-invitation.command.js';

@CommandHandler(AcceptInvitation)
export class AcceptInvitationHandler implements ICommandHandler<AcceptInvitation, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ workerId, organisationId, actor }: AcceptInvitation): Promise<void> {
    await decideOnWorker(this.streams, workerId, (s) => decideAcceptInvitation(workerId, organisationId, s), {
      actor,
      tenantId: organisationId,
    });
  }
}
