import { ConflictError } from '../../domain/errors.js';
import { decideLeaveOrganisation } from '../leave-organisation/leave-organisation.decider.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { currentMembership, type WorkerState } from '../worker.js';
import { registered } from '../worker-commands.js';
import type { ReviewWorkerFromStatementInput } from './review-worker-from-statement.command.js';

/**
 * Only a worker the statements registered, still a member of the organisation, and reviewed once by it:
 * a second confirm or reject is a conflict, not a silent repeat.
 */
export function decideReviewWorkerFromStatement(
  command: ReviewWorkerFromStatementInput,
  state: WorkerState,
  by: string,
  today: string,
): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (worker.via !== 'statement')
    throw new ConflictError('workerId', 'the worker was registered through /api, not from statements: nothing to review');
  if (worker.reviewedBy.includes(command.organisationId))
    throw new ConflictError('workerId', 'this organisation has already reviewed the worker');
  if (!currentMembership(worker, command.organisationId))
    throw new ConflictError('workerId', 'the worker is not a current member of this organisation');
  const { workerId, organisationId, note } = command;
  const noted = note !== undefined ? { note } : {};
  if (command.outcome === 'confirm')
    return [{ type: EV.workerFromStatementConfirmed, data: { workerId, organisationId, confirmedBy: by, ...noted } }];
  return [
    { type: EV.workerFromStatementRejected, data: { workerId, organisationId, rejectedBy: by, ...noted } },
    ...decideLeaveOrganisation({ workerId, organisationId }, worker, today),
  ];
}
