import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { decideLeaveOrganisation } from '../leave-organisation/leave-organisation.decider.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { currentMembership, type WorkerState } from '../worker.js';
import type { ReviewWorkerFromStatementInput } from './review-worker-from-statement.command.js';

/**
 * Only a worker the statements registered, still a member of the organisation, and reviewed once by it:
 * a second confirm or reject is a conflict, not a silent repeat. A worker who is not (or no longer) the
 * organisation's is a 404 alike whether they exist elsewhere or not: no existence oracle for other employers.
 */
export function decideReviewWorkerFromStatement(
  command: ReviewWorkerFromStatementInput,
  state: WorkerState,
  by: string,
  today: string,
): WorkerEvent[] {
  if (state.status === 'registered' && state.reviewedBy.includes(command.organisationId))
    throw new ConflictError('workerId', 'this organisation has already reviewed the worker');
  if (state.status !== 'registered' || !currentMembership(state, command.organisationId))
    throw new NotFoundError('workerId', `no worker "${command.workerId}" is a current member of this organisation`);
  const worker = state;
  if (worker.via !== 'statement')
    throw new ConflictError(
      'workerId',
      'the worker was registered through /api, not from statements: nothing to review',
    );
  const { workerId, organisationId, note } = command;
  const noted = note !== undefined ? { note } : {};
  if (command.outcome === 'confirm')
    return [{ type: EV.workerFromStatementConfirmed, data: { workerId, organisationId, confirmedBy: by, ...noted } }];
  return [
    { type: EV.workerFromStatementRejected, data: { workerId, organisationId, rejectedBy: by, ...noted } },
    ...decideLeaveOrganisation({ workerId, organisationId }, worker, today),
  ];
}
