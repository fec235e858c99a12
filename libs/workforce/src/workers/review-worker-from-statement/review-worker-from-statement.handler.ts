import { CommandHandler, type ICommandHandler } from '@nestjs/cqrs';
import { WorkforceStreams } from '../../shared/workforce-streams.service.js';
import { decideOnWorker } from '../worker-commands.js';
import { ReviewWorkerFromStatement } from './review-worker-from-statement.command.js';
import { decideReviewWorkerFromStatement } from './review-worker-from-statement.decider.js';

@CommandHandler(ReviewWorkerFromStatement)
export class ReviewWorkerFromStatementHandler implements ICommandHandler<ReviewWorkerFromStatement, void> {
  constructor(private readonly streams: WorkforceStreams) {}

  async execute({ review, actor, today }: ReviewWorkerFromStatement): Promise<void> {
    await decideOnWorker(
      this.streams,
      review.workerId,
      (s) => decideReviewWorkerFromStatement(review, s, actor, today),
      { actor, tenantId: review.organisationId },
    );
  }
}
