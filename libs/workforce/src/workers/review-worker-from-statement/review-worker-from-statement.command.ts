import { Command } from '@nestjs/cqrs';
import { parseBody } from '#libs/platform';
import { reviewWorkerFromStatementRequest } from './review-worker-from-statement.request.js';

/** A learning lead's (or platform admin's) review of a worker registered from their organisation's statements. */
export interface ReviewWorkerFromStatementInput {
  workerId: string;
  organisationId: string;
  outcome: 'confirm' | 'reject';
  note?: string;
}

export function parseReviewWorkerFromStatement(
  organisationId: string,
  workerId: string,
  outcome: ReviewWorkerFromStatementInput['outcome'],
  input: unknown,
): ReviewWorkerFromStatementInput {
  // No body at all is an empty one; a JSON null is not an object, as the document says.
  const { note } = parseBody(reviewWorkerFromStatementRequest, input === undefined ? {} : input);
  return { workerId, organisationId, outcome, ...(note !== undefined ? { note } : {}) };
}

/** Confirm keeps the worker; reject ends their membership of the organisation. Either takes them off the review list. */
export class ReviewWorkerFromStatement extends Command<void> {
  constructor(
    readonly review: ReviewWorkerFromStatementInput,
    readonly actor: string,
    readonly today: string,
  ) {
    super();
  }
}
