import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { workerStream } from '../../workers/worker.events.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveWorker, initialWorker } from '../../workers/worker.js';
import { registered } from '../../workers/worker-commands.js';
import { ListInvitations, type InvitationView } from './list-invitations.query.js';

@QueryHandler(ListInvitations)
export class ListInvitationsHandler implements IQueryHandler<ListInvitations> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ workerId }: ListInvitations): Promise<InvitationView[]> {
    const { state } = await this.streams.load(workerStream(workerId), initialWorker, evolveWorker);
    return registered(state, workerId).invitations.map((i) => ({
      organisationId: i.organisationId,
      from: i.from,
      status: 'pending' as const,
    }));
  }
}
