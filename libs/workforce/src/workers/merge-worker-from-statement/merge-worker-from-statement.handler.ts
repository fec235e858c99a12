import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { metadataOf, WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideAddIdentifier } from '../add-identifier/add-identifier.decider.js';
import { planClaims } from '../identifier-claims.js';
import { workerStream } from '../worker.events.js';
import { evolveWorker, initialWorker } from '../worker.js';
import { workerAppend } from '../worker-commands.js';
import { MergeWorkerFromStatement } from './merge-worker-from-statement.command.js';
import { decideMergeWorkerFromStatement } from './merge-worker-from-statement.decider.js';

/**
 * Adds the statement worker's identifier to the existing worker, as POST /api/workers/:id/identifiers
 * does: the claim is handed over and the statement worker merges (its records follow), all at the
 * revisions decided on, or the command is decided again.
 */
@CommandHandler(MergeWorkerFromStatement)
export class MergeWorkerFromStatementHandler implements ICommandHandler<MergeWorkerFromStatement, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ merge, actor, reach }: MergeWorkerFromStatement): Promise<void> {
    const metadata = metadataOf({ actor, tenantId: merge.organisationId });
    await this.streams.decideAcross(async () => {
      const from = await this.streams.load(workerStream(merge.workerId), initialWorker, evolveWorker);
      const into = await this.streams.load(workerStream(merge.intoWorkerId), initialWorker, evolveWorker);
      const identifier = decideMergeWorkerFromStatement(merge, from.state, into.state);
      const claims = await planClaims(this.streams.store, merge.intoWorkerId, [identifier], metadata, reach);
      const events = decideAddIdentifier(
        { workerId: merge.intoWorkerId, identifier },
        into.state,
        claims.heldByOthers.get(identifier.ifi),
      );
      return [...claims.requests, workerAppend(merge.intoWorkerId, into.revision, events, metadata)];
    }, workerStream(merge.workerId));
  }
}
