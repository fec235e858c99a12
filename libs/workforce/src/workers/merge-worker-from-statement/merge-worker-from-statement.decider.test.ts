import { describe, expect, it } from 'vitest';
import { ProblemException } from '#libs/platform';
import { ConflictError, InvalidInputError, NotFoundError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { evolveWorker, initialWorker, type WorkerState } from '../worker.js';
import { parseMergeWorkerFromStatement } from './merge-worker-from-statement.command.js';
import { decideMergeWorkerFromStatement } from './merge-worker-from-statement.decider.js';

const given = (...events: WorkerEvent[]): WorkerState => events.reduce(evolveWorker, initialWorker());
const agent = (who: string) => ({
  ifi: `mbox:mailto:${who}@example.org`,
  agent: { mbox: `mailto:${who}@example.org` },
});
const joined = (workerId: string, organisationId = 'oak-house'): WorkerEvent => ({
  type: EV.workerJoinedOrganisation,
  data: { workerId, organisationId, from: '2026-01-05' },
});
const sam = given(
  { type: EV.workerRegistered, data: { workerId: 'w-sam', identifiers: [agent('sam')], via: 'statement' } },
  joined('w-sam'),
);
const mary = given(
  { type: EV.workerRegistered, data: { workerId: 'w-mary', identifiers: [agent('mary')] } },
  joined('w-mary'),
);
const merge = (body: unknown) => parseMergeWorkerFromStatement('oak-house', 'w-sam', body);

describe('merging a worker registered from statements into an existing worker', () => {
  it('given a statement worker and a worker of the same organisation, when merged, then its one identifier moves', () => {
    expect(decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-mary' }), sam, mary)).toEqual(agent('sam'));
  });

  it('refuses the same worker (400) and a target not of the organisation, or unknown (409), naming intoWorkerId', () => {
    expect(() => decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-sam' }), sam, sam)).toThrow(InvalidInputError);
    const elsewhere = given(
      { type: EV.workerRegistered, data: { workerId: 'w-mary', identifiers: [agent('mary')] } },
      joined('w-mary', 'elm-lodge'),
    );
    for (const target of [elsewhere, initialWorker()])
      expect(() => decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-mary' }), sam, target)).toThrow(
        /intoWorkerId: must be a current worker of this organisation/,
      );
  });

  it('refuses a statement worker already reviewed (409), not of the organisation (404), or with two identifiers (409)', () => {
    const confirmed = evolveWorker(sam, {
      type: EV.workerFromStatementConfirmed,
      data: { workerId: 'w-sam', organisationId: 'oak-house', confirmedBy: 'lead' },
    });
    expect(() => decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-mary' }), confirmed, mary)).toThrow(
      /already reviewed/,
    );
    expect(() => decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-mary' }), initialWorker(), mary)).toThrow(
      NotFoundError,
    );
    const two = evolveWorker(sam, {
      type: EV.workerIdentifierAdded,
      data: { workerId: 'w-sam', identifier: agent('s2') },
    });
    expect(() => decideMergeWorkerFromStatement(merge({ intoWorkerId: 'w-mary' }), two, mary)).toThrow(ConflictError);
  });

  it('refuses a body without intoWorkerId text, naming the field', () => {
    expect(() => merge({})).toThrow(/intoWorkerId/);
    expect(() => merge({ intoWorkerId: 7 })).toThrow(ProblemException);
  });
});
