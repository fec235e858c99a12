import { QueryHandler, type IQueryHandler } from '@nestjs/cqrs';
import { workerStream } from '../../workers/worker.events.js';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { evolveWorker, initialWorker } from '../../workers/worker.js';
import { registered } from '../../workers/worker-commands.js';
import { ListShares, type ShareView } from './list-shares.query.js';

@QueryHandler(ListShares)
export class ListSharesHandler implements IQueryHandler<ListShares> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ workerId }: ListShares): Promise<ShareView[]> {
    const { state } = await this.streams.load(workerStream(workerId), initialWorker, evolveWorker);
    return registered(state, workerId).shares.map((s) => ({
      organisationId: s.withOrganisationId,
      ...(s.scope.kind === 'record'
        ? { scope: 'record' as const }
        : {
            scope: 'evidence' as const,
            evidence: { organisationId: s.scope.organisationId, statementId: s.scope.statementId },
          }),
    }));
  }
}
