import { randomUUID } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import type { RecordedEvent } from '#libs/event-store';
import { CLF_ACTIVITY_TYPES, CLF_EXTENSIONS, CLF_PROFILE_VERSION_ID, CLF_VERBS, findIndicator } from '#libs/framework';
import { STATEMENT_STORED, statementStreamId } from '#libs/xapi';
import { WORKFORCE_EVENTS as EV, identifierStream, workerStream, type EvidenceRecorded } from '../domain/events.js';
import {
  decideAcceptEvidence,
  decideEvidenceStream,
  evidenceRecorded,
  reactionTo,
  registrationOf,
  sentFromOutside,
  type StatementReaction,
} from './statement-reaction.js';
import { buildEvidenceStatement } from './record-evidence/build-statement.js';
import { PLATFORM_CLIENT_KEY, withRecorder } from './recorded-by.js';
import { parseEvidence } from './record-evidence/record-evidence.input.js';

/** Pure: a stored statement → the workforce domain events it means, whoever sent it. */
const NOW = new Date('2026-02-03T10:00:00Z');
const SARAH = { objectType: 'Agent', name: 'Sarah', mbox: 'mailto:sarah@council.example.org' };

function stored(statement: Record<string, unknown>, organisationId = 'default', actor = 'lms-key'): RecordedEvent {
  const eventId = randomUUID();
  return {
    streamId: statementStreamId(organisationId, statement.id as string),
    revision: 0n,
    position: { commit: 7n, prepare: 7n },
    type: STATEMENT_STORED,
    version: 1,
    data: { statement },
    metadata: { eventId, tenantId: organisationId, actor, occurredAt: '2026-02-03T10:00:01.000Z' },
    recordedAt: '2026-02-03T10:00:01.000Z',
  };
}

const record = (r: StatementReaction) => {
  if (r.type !== 'record') throw new Error(`expected a record, got ${r.type}`);
  return r;
};

describe('a CLF statement from an LMS and the statement /api stores mean the same domain events', () => {
  const indicatorId = 'pc.initiative.engaged.1';
  const fromLms = {
    id: randomUUID(),
    actor: { objectType: 'Agent', name: 'Michael', account: { homePage: 'https://lms.example.org', name: 'michael' } },
    verb: { id: CLF_VERBS.demonstrated, display: { en: 'demonstrated' } },
    object: {
      objectType: 'Activity',
      id: findIndicator(indicatorId)!.iri,
      definition: { type: CLF_ACTIVITY_TYPES.indicator },
    },
    result: { success: true },
    context: {
      instructor: SARAH,
      contextActivities: { category: [{ id: CLF_PROFILE_VERSION_ID }] },
      extensions: { [CLF_EXTENSIONS.evidenceSource]: 'line-manager' },
    },
    timestamp: '2025-09-01T09:00:00.000Z',
  };
  const input = parseEvidence(
    {
      kind: 'assessment',
      indicatorId,
      evidenced: true,
      source: 'line-manager',
      assessor: SARAH,
      occurredAt: '2025-09-01T09:00:00Z',
    },
    NOW,
  );
  const fromApi = buildEvidenceStatement(input, { mbox: 'mailto:michael@council.example.org' });

  it('the same EvidenceRecorded data but for the ids and stored times', () => {
    const lms = record(reactionTo(stored(fromLms)));
    const api = record(reactionTo(stored(fromApi, 'default', 'continuum-api')));
    const comparable = (r: ReturnType<typeof record>) => ({
      ...r.evidence,
      statementId: undefined,
      storedAt: undefined,
      recordedBy: undefined,
    });
    expect(comparable(api)).toEqual(comparable(lms));
    expect(lms.evidence.recordedBy).toEqual({ id: 'lrs-client:lms-key', name: null });
    expect(lms.evidence).toMatchObject({
      kind: 'indicator-assessment',
      occurredAt: '2025-09-01T09:00:00.000Z',
      by: 'Sarah',
      source: 'line-manager',
      indicator: { indicatorId, capabilityId: 'pc.initiative', evidenced: true },
      capabilityIds: ['pc.initiative'],
    });
    expect(lms.actor.ifi).toBe('account:https://lms.example.org michael');
  });

  it('recorded by the /api user its statement names only when /api stored it: an LMS naming a recorder is its own client', () => {
    const recorder = { id: 'user-john', name: 'John' };
    const byApi = record(reactionTo(stored(withRecorder(fromApi, recorder), 'default', PLATFORM_CLIENT_KEY)));
    expect(byApi.evidence.recordedBy).toEqual(recorder);
    const forged = record(reactionTo(stored(withRecorder(fromLms, recorder))));
    expect(forged.evidence.recordedBy).toEqual({ id: 'lrs-client:lms-key', name: null });
  });

  it('caused by the statement event, in its organisation, at the statement’s own time', () => {
    const event = stored(fromLms, 'oak-house');
    const r = record(reactionTo(event));
    expect(r.metadata).toEqual({
      causationId: event.metadata.eventId,
      correlationId: event.metadata.eventId,
      tenantId: 'oak-house',
      actor: 'lms-key',
      occurredAt: fromLms.timestamp,
    });
    const recorded = evidenceRecorded(r, 'worker-1', false);
    expect(recorded).toMatchObject({
      type: EV.evidenceRecorded,
      version: 3,
      data: { workerId: 'worker-1', organisationId: 'oak-house', statementId: fromLms.id, pending: false },
    });
  });

  it('a voiding statement withdraws; a statement about a Group means nothing for a worker', () => {
    const voiding = {
      id: randomUUID(),
      actor: SARAH,
      verb: { id: 'http://adlnet.gov/expapi/verbs/voided' },
      object: { objectType: 'StatementRef', id: fromLms.id.toUpperCase() },
      timestamp: '2025-10-01T00:00:00Z',
    };
    expect(reactionTo(stored(voiding))).toMatchObject({
      type: 'withdraw',
      withdrawal: {
        organisationId: 'default',
        statementId: fromLms.id,
        voidingStatementId: voiding.id,
        withdrawnAt: '2025-10-01T00:00:00.000Z',
      },
    });
    expect(reactionTo(stored({ ...fromLms, actor: { objectType: 'Group', member: [SARAH] } }))).toEqual({
      type: 'none',
    });
  });

  it('an unknown actor: the identifier is claimed first, then the worker registered in the sending organisation, both as new streams', () => {
    const r = record(reactionTo(stored(fromLms, 'oak-house')));
    const [claim, worker] = registrationOf('w-1', r, r.metadata);
    expect(claim).toMatchObject({
      streamId: identifierStream(r.actor.ifi),
      expectedRevision: 'no_stream',
      events: [{ type: EV.identifierClaimed, data: { ifi: r.actor.ifi, workerId: 'w-1' } }],
    });
    expect(worker.streamId).toBe(workerStream('w-1'));
    expect(worker.expectedRevision).toBe('no_stream');
    expect(worker.events.map((e) => [e.type, e.data])).toEqual([
      [EV.workerRegistered, { workerId: 'w-1', name: 'Michael', identifiers: [r.actor], via: 'statement' }],
      [EV.workerJoinedOrganisation, { workerId: 'w-1', organisationId: 'oak-house', from: '2026-02-03' }],
    ]);
  });
});

describe('each evidence stream gets each event once', () => {
  const recorded = {
    type: EV.evidenceRecorded,
    data: { workerId: 'w-1', organisationId: 'o', statementId: 's' } as EvidenceRecorded,
  };
  const withdrawal = {
    data: { organisationId: 'o', statementId: 's', voidingStatementId: 'v', withdrawnAt: '2026-01-01T00:00:00Z' },
    metadata: {},
  };
  const types = (events: { type: string }[]) => events.map((e) => e.type);

  it('records evidence on a new stream, never again', () => {
    expect(types(decideEvidenceStream([], { recorded }))).toEqual([EV.evidenceRecorded]);
    expect(decideEvidenceStream([recorded], { recorded })).toEqual([]);
  });

  it('withdraws recorded evidence once, by the worker it was recorded for', () => {
    expect(decideEvidenceStream([recorded], { withdrawal })).toEqual([
      { type: EV.evidenceWithdrawn, version: 1, data: { workerId: 'w-1', ...withdrawal.data }, metadata: {} },
    ]);
    expect(types(decideEvidenceStream([], { recorded, withdrawal }))).toEqual([
      EV.evidenceRecorded,
      EV.evidenceWithdrawn,
    ]);
    expect(decideEvidenceStream([recorded, { type: EV.evidenceWithdrawn, data: {} }], { withdrawal })).toEqual([]);
    expect(types(decideEvidenceStream([recorded], { recorded, withdrawal }))).toEqual([EV.evidenceWithdrawn]);
  });

  it('voiding a statement that was no evidence withdraws nothing', () => {
    expect(decideEvidenceStream([], { withdrawal })).toEqual([]);
  });
});

describe('evidence from outside the worker’s organisations (issue 11)', () => {
  const at = { organisationId: 'elm', occurredAt: '2026-03-10T10:00:00.000Z', storedAt: '2026-03-12T10:00:00.000Z' };

  it('is pending unless the sender had a membership covering the statement', () => {
    expect(sentFromOutside([], at)).toBe(true);
    expect(sentFromOutside([{ organisationId: 'oak-house', from: '2020-01-01' }], at)).toBe(true);
    expect(sentFromOutside([{ organisationId: 'elm', from: '2020-01-01' }], at)).toBe(false);
    expect(sentFromOutside([{ organisationId: 'elm', from: '2026-03-12' }], at)).toBe(false);
    expect(sentFromOutside([{ organisationId: 'elm', from: '2026-03-13' }], at)).toBe(true);
    expect(sentFromOutside([{ organisationId: 'elm', from: '2020-01-01', to: '2026-03-09' }], at)).toBe(true);
    expect(sentFromOutside([{ organisationId: 'elm', from: '2020-01-01', to: '2026-03-10' }], at)).toBe(false);
  });

  it('is accepted once, only while pending and not withdrawn', () => {
    const recorded = (pending: boolean) => ({
      type: EV.evidenceRecorded,
      data: { workerId: 'w', organisationId: 'elm', statementId: 's', pending },
    });
    expect(decideAcceptEvidence([recorded(true)], 'u')).toEqual([
      {
        type: EV.evidenceAccepted,
        version: 1,
        data: { workerId: 'w', organisationId: 'elm', statementId: 's', acceptedBy: 'u' },
      },
    ]);
    expect(decideAcceptEvidence([recorded(false)], 'u')).toEqual([]);
    expect(
      decideAcceptEvidence(
        [{ type: EV.evidenceRecorded, data: { workerId: 'w', organisationId: 'elm', statementId: 's' } }],
        'u',
      ),
    ).toEqual([]);
    expect(decideAcceptEvidence([recorded(true), ...decideAcceptEvidence([recorded(true)], 'u')], 'u')).toEqual([]);
    expect(decideAcceptEvidence([recorded(true), { type: EV.evidenceWithdrawn, data: {} }], 'u')).toEqual([]);
    expect(decideAcceptEvidence([], 'u')).toEqual([]);
  });
});
