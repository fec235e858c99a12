import { describe, expect, it } from 'vitest';
import { ProblemException } from '#libs/platform';
import { ConflictError, NotFoundError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { evolveWorker, initialWorker, type WorkerState } from '../worker.js';
import { parseReviewWorkerFromStatement } from './review-worker-from-statement.command.js';
import { decideReviewWorkerFromStatement } from './review-worker-from-statement.decider.js';

const given = (...events: WorkerEvent[]): WorkerState => events.reduce(evolveWorker, initialWorker());
const identifier = { ifi: 'mbox:mailto:sam@lms.example.org', agent: { mbox: 'mailto:sam@lms.example.org' } };
const fromStatement: WorkerEvent[] = [
  { type: EV.workerRegistered, data: { workerId: 'w-sam', identifiers: [identifier], via: 'statement' } },
  { type: EV.workerJoinedOrganisation, data: { workerId: 'w-sam', organisationId: 'oak-house', from: '2026-01-05' } },
];
const review = (outcome: 'confirm' | 'reject', body: unknown = {}) =>
  parseReviewWorkerFromStatement('oak-house', 'w-sam', outcome, body);
const decide = (outcome: 'confirm' | 'reject', state: WorkerState) =>
  decideReviewWorkerFromStatement(review(outcome), state, 'lead-1', '2026-02-01');

describe('reviewing a worker registered from statements', () => {
  it('given a statement worker, when the organisation confirms, then WorkerFromStatementConfirmed and the membership stays', () => {
    const events = decide('confirm', given(...fromStatement));
    expect(events).toEqual([
      {
        type: EV.workerFromStatementConfirmed,
        data: { workerId: 'w-sam', organisationId: 'oak-house', confirmedBy: 'lead-1' },
      },
    ]);
  });

  it('given a statement worker with a role, when the organisation rejects, then the membership and role end that day', () => {
    const withRole = given(...fromStatement, {
      type: EV.roleAssigned,
      data: { workerId: 'w-sam', roleId: 'carer', organisationId: 'oak-house', from: '2026-01-10' },
    });
    expect(decide('reject', withRole)).toEqual([
      {
        type: EV.workerFromStatementRejected,
        data: { workerId: 'w-sam', organisationId: 'oak-house', rejectedBy: 'lead-1' },
      },
      { type: EV.roleAssignmentEnded, data: { workerId: 'w-sam', roleId: 'carer', to: '2026-02-01' } },
      { type: EV.workerLeftOrganisation, data: { workerId: 'w-sam', organisationId: 'oak-house', to: '2026-02-01' } },
    ]);
  });

  it('given a reviewed worker, when reviewed again either way, then a conflict', () => {
    for (const first of ['confirm', 'reject'] as const) {
      const reviewed = given(...fromStatement, ...decide(first, given(...fromStatement)));
      for (const second of ['confirm', 'reject'] as const)
        expect(() => decide(second, reviewed)).toThrow(/already reviewed/);
    }
  });

  it('refuses a worker registered through /api (409), and one who is not a member of the organisation (404)', () => {
    const viaApi = given(
      { type: EV.workerRegistered, data: { workerId: 'w-sam', identifiers: [identifier] } },
      fromStatement[1]!,
    );
    expect(() => decide('confirm', viaApi)).toThrow(ConflictError);
    const left = given(...fromStatement, {
      type: EV.workerLeftOrganisation,
      data: { workerId: 'w-sam', organisationId: 'oak-house', to: '2026-01-20' },
    });
    expect(() => decide('confirm', left)).toThrow(NotFoundError);
    expect(() => decide('confirm', initialWorker())).toThrow(NotFoundError);
  });

  it('refuses a note that is not text, naming the field', () => {
    expect(() => review('reject', { note: 5 })).toThrow(ProblemException);
    expect(() => review('reject', { note: 5 })).toThrow(/note/);
    expect(review('reject', { note: 'not our employee' }).note).toBe('not our employee');
  });
});
