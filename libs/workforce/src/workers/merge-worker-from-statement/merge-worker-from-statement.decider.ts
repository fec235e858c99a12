import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import type { WorkerIdentifier } from '../worker.events.js';
import { currentMembership, type WorkerState } from '../worker.js';
import type { MergeWorkerFromStatementInput } from './merge-worker-from-statement.command.js';

/**
 * Pure: which identifier moves, or why the merge is refused. The statement worker must be on the
 * organisation's review list (registered from statements, a current member, not yet reviewed) with one
 * identifier; the existing worker must be another current worker of the same organisation. The
 * hand-over itself is the identifier claims' rule (see `decideHandOver`).
 */
export function decideMergeWorkerFromStatement(
  command: MergeWorkerFromStatementInput,
  statementWorker: WorkerState,
  existing: WorkerState,
): WorkerIdentifier {
  const { workerId, organisationId, intoWorkerId } = command;
  if (intoWorkerId === workerId)
    throw new InvalidInputError('intoWorkerId', 'must be another worker than the one merged');
  if (statementWorker.status === 'registered' && statementWorker.reviewedBy.includes(organisationId))
    throw new ConflictError('workerId', 'this organisation has already reviewed the worker');
  if (statementWorker.status !== 'registered' || !currentMembership(statementWorker, organisationId))
    throw new NotFoundError('workerId', `no worker "${workerId}" is a current member of this organisation`);
  if (statementWorker.via !== 'statement')
    throw new ConflictError(
      'workerId',
      'the worker was registered through /api, not from statements: nothing to review',
    );
  const [identifier, ...more] = statementWorker.identifiers;
  if (!identifier || more.length > 0)
    throw new ConflictError('workerId', 'holds more than one identifier: add each to the existing worker instead');
  if (existing.status !== 'registered' || !currentMembership(existing, organisationId))
    throw new ConflictError('intoWorkerId', 'must be a current worker of this organisation');
  return identifier;
}
