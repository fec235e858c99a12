import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideWithdrawShare } from '../share-record/share-record.decider.js';
import { decideOnWorker } from '../worker-commands.js';
import { WithdrawShare } from './withdraw-share.command.js';

@CommandHandler(WithdrawShare)
export class WithdrawShareHandler implements ICommandHandler<WithdrawShare, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ share, actor }: WithdrawShare): Promise<void> {
    await decideOnWorker(this.streams, share.workerId, (s) => decideWithdrawShare(share, s, actor), {
      actor,
      tenantId: share.withOrganisationId,
    });
  }
}
