import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { currentMembership, sameShare, type WorkerState } from '../worker.js';
import { registered } from '../worker-commands.js';
import type { ShareRecordInput } from './share-record.command.js';

/**
 * The worker shares with an organisation they are a current member of (sharing with a stranger would
 * hand their record to whoever asks); a piece of evidence must be on their record (`evidenceOnRecord`).
 * Sharing what is already shared is a conflict, so every share has one start.
 */
export function decideShareRecord(
  command: ShareRecordInput,
  state: WorkerState,
  evidenceOnRecord: boolean,
  sharedBy: string,
): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (!currentMembership(worker, command.withOrganisationId)) {
    throw new ConflictError(
      'organisationId',
      `the worker is not a member of organisation "${command.withOrganisationId}": share only with an organisation you belong to`,
    );
  }
  if (command.scope.kind === 'evidence' && !evidenceOnRecord) {
    throw new NotFoundError(
      'evidence.statementId',
      `no evidence "${command.scope.statementId}" of organisation "${command.scope.organisationId}" is on this record`,
    );
  }
  if (
    worker.shares.some(
      (s) =>
        s.withOrganisationId === command.withOrganisationId && (s.scope.kind === 'record' || sameShare(s, command)),
    )
  ) {
    throw new ConflictError(
      command.scope.kind === 'record' ? 'organisationId' : 'evidence',
      'already shared with this organisation',
    );
  }
  const { workerId, withOrganisationId, scope } = command;
  return [{ type: EV.recordShared, data: { workerId, withOrganisationId, scope, sharedBy } }];
}

/** Withdraws a share exactly as it was made (a whole record's share is withdrawn whole). */
export function decideWithdrawShare(command: ShareRecordInput, state: WorkerState, withdrawnBy: string): WorkerEvent[] {
  const worker = registered(state, command.workerId);
  if (!worker.shares.some((s) => sameShare(s, command))) {
    throw new NotFoundError(
      command.scope.kind === 'record' ? 'organisationId' : 'evidence',
      `nothing of this kind is shared with organisation "${command.withOrganisationId}"`,
    );
  }
  const { workerId, withOrganisationId, scope } = command;
  return [{ type: EV.recordShareWithdrawn, data: { workerId, withOrganisationId, scope, withdrawnBy } }];
}
