import type { AppendRequest, EventMetadata, NewEvent, RecordedEvent } from '#libs/event-store';
import { instantOf, type StatementStoredData, storedStatement } from '#libs/xapi';
import {
  WORKFORCE_EVENTS as EV,
  evidenceStream,
  workerStream,
  type EvidenceAccepted,
  type EvidenceRecorded,
  type EvidenceWithdrawn,
  type RecordedBy,
  type WorkerIdentifier,
  type WorkerJoinedOrganisation,
  type WorkerRegistered,
} from '../domain/events.js';
import { claimRequest } from '../workers/identifier-claims.js';
import { evidenceFromStatement } from './evidence-from-statement.js';
import { recordedByOf } from './recorded-by.js';

/**
 * Pure: what one stored xAPI statement means for the workforce record, as domain events. The same
 * function decides for a statement an LMS sent to /xapi and for one /api stored on a manager's behalf,
 * so both produce the same events.
 */
export type StatementReaction =
  | {
      type: 'record';
      organisationId: string;
      actor: WorkerIdentifier;
      actorName?: string;
      /** EvidenceRecorded without the worker, who is found (or registered) from the actor. */
      evidence: Omit<EvidenceRecorded, 'workerId'>;
      /**
       * A plain learning record (no CLF template matched): not evidence, so no domain event records it;
       * the workforce projection lists it on the timeline from the statement itself. Its actor still
       * becomes a worker.
       */
      plain: boolean;
      metadata: Partial<EventMetadata>;
    }
  | {
      type: 'withdraw';
      organisationId: string;
      withdrawal: Omit<EvidenceWithdrawn, 'workerId'>;
      metadata: Partial<EventMetadata>;
    }
  | { type: 'none' };

/**
 * The reactor and the workforce projection both ask, in one process, about the same event objects of a
 * batch: the answer is kept per event object (a pure function of it; callers never mutate it).
 */
const reactions = new WeakMap<RecordedEvent, StatementReaction>();

export function reactionTo(event: RecordedEvent): StatementReaction {
  let reaction = reactions.get(event);
  if (!reaction) reactions.set(event, (reaction = decideReaction(event)));
  return reaction;
}

const optionalRecorder = (recordedBy: RecordedBy | undefined) => (recordedBy ? { recordedBy } : {});

function decideReaction(event: RecordedEvent): StatementReaction {
  const statement = storedStatement(event.data as StatementStoredData, event.recordedAt) as unknown as Record<
    string,
    unknown
  >;
  const organisationId = event.metadata.tenantId ?? 'default';
  const meaning = evidenceFromStatement(statement);
  const storedAt = new Date(event.recordedAt).toISOString();
  const caused = (occurredAt: string): Partial<EventMetadata> => ({
    causationId: event.metadata.eventId,
    correlationId: event.metadata.correlationId ?? event.metadata.eventId,
    tenantId: organisationId,
    ...(event.metadata.actor ? { actor: event.metadata.actor } : {}),
    // The statement's own time; the store insists on a time it can parse.
    occurredAt: Number.isNaN(Date.parse(occurredAt)) ? storedAt : occurredAt,
  });
  if (meaning.type === 'voiding') {
    const withdrawal = {
      organisationId,
      statementId: meaning.targetStatementId,
      voidingStatementId: String(statement.id).toLowerCase(),
      withdrawnAt: instantOf(meaning.occurredAt) ?? storedAt,
    };
    return { type: 'withdraw', organisationId, withdrawal, metadata: caused(withdrawal.withdrawnAt) };
  }
  if (meaning.type !== 'record') return { type: 'none' };
  const { record } = meaning;
  const evidence: Omit<EvidenceRecorded, 'workerId'> = {
    organisationId,
    statementId: record.statementId,
    kind: record.kind,
    // The statement's timestamp as an instant in UTC, whatever form the sender wrote it in: read models
    // store it, and membership checks compare its first ten characters with dates.
    occurredAt: instantOf(record.occurredAt) ?? storedAt,
    storedAt,
    ...(record.title !== undefined ? { title: record.title } : {}),
    capabilityIds: record.capabilityIds,
    indicatorIds: record.indicatorIds,
    ...(record.durationSeconds !== undefined ? { durationSeconds: record.durationSeconds } : {}),
    ...(record.source !== undefined ? { source: record.source } : {}),
    ...(record.by !== undefined ? { by: record.by } : {}),
    ...(record.indicator ? { indicator: record.indicator } : {}),
    details: record.details,
    ...optionalRecorder(recordedByOf(statement, event.metadata.actor)),
  };
  return {
    type: 'record',
    organisationId,
    plain: record.kind === 'learning-record',
    actor: meaning.actor,
    ...(meaning.actorName !== undefined ? { actorName: meaning.actorName } : {}),
    evidence,
    metadata: caused(evidence.occurredAt),
  };
}

/**
 * Pure: the events an evidence stream still needs, given what it holds. Each is appended once: a
 * record only to a new stream, a withdrawal only of recorded evidence not yet withdrawn; so a batch
 * decided again after a failure, or by a second process, adds nothing.
 */
export function decideEvidenceStream(
  existing: readonly { type: string; data: unknown }[],
  want: {
    recorded?: NewEvent<EvidenceRecorded>;
    withdrawal?: { data: Omit<EvidenceWithdrawn, 'workerId'>; metadata: Partial<EventMetadata> };
  },
): NewEvent[] {
  const recorded = existing.find((e) => e.type === EV.evidenceRecorded)?.data as EvidenceRecorded | undefined;
  const withdrawn = existing.some((e) => e.type === EV.evidenceWithdrawn);
  const events: NewEvent[] = [];
  if (want.recorded && !recorded) events.push(want.recorded);
  const workerId = recorded?.workerId ?? want.recorded?.data.workerId;
  if (want.withdrawal && workerId && !withdrawn) {
    events.push({
      type: EV.evidenceWithdrawn,
      version: 1,
      data: { workerId, ...want.withdrawal.data } satisfies EvidenceWithdrawn,
      metadata: want.withdrawal.metadata,
    });
  }
  return events;
}

/** Version 3 of `EvidenceRecorded`: v2 said whether the evidence is pending (see `sentFromOutside`), v3 adds who recorded it. */
export const EVIDENCE_RECORDED_VERSION = 3;

export function evidenceRecorded(
  reaction: Extract<StatementReaction, { type: 'record' }>,
  workerId: string,
  pending: boolean,
): NewEvent<EvidenceRecorded> {
  return {
    type: EV.evidenceRecorded,
    version: EVIDENCE_RECORDED_VERSION,
    data: { workerId, ...reaction.evidence, pending },
    metadata: reaction.metadata,
  };
}

/**
 * Pure: evidence comes from outside when the sending organisation had no membership of the worker
 * covering the statement: one that began by the day it was stored and had not ended by the day it
 * happened. (A worker the statement itself registered joined the sender on the day it was stored.)
 * Such evidence stays in the sender's LRS and is pending on the worker's record until accepted.
 */
export function sentFromOutside(
  memberships: readonly { organisationId: string; from: string; to?: string }[],
  evidence: Pick<EvidenceRecorded, 'organisationId' | 'occurredAt' | 'storedAt'>,
): boolean {
  const stored = evidence.storedAt.slice(0, 10);
  const occurred = evidence.occurredAt.slice(0, 10);
  return !memberships.some(
    (m) => m.organisationId === evidence.organisationId && m.from <= stored && (!m.to || m.to >= occurred),
  );
}

/** Pure: acceptance of pending evidence, once, only while it is recorded, pending and not withdrawn. */
export function decideAcceptEvidence(
  existing: readonly { type: string; data: unknown }[],
  acceptedBy: string,
): NewEvent[] {
  const recorded = existing.find((e) => e.type === EV.evidenceRecorded)?.data as EvidenceRecorded | undefined;
  const closed = existing.some((e) => e.type === EV.evidenceAccepted || e.type === EV.evidenceWithdrawn);
  if (!recorded?.pending || closed) return [];
  const { workerId, organisationId, statementId } = recorded;
  return [
    {
      type: EV.evidenceAccepted,
      version: 1,
      data: { workerId, organisationId, statementId, acceptedBy } satisfies EvidenceAccepted,
    },
  ];
}

export { evidenceStream };

/**
 * Pure: an unknown actor becomes a worker of the organisation whose client sent the statement. The id
 * comes from the identifier (`workerIdFor`), so a later /api registration under it is the same worker.
 * The claim goes first, the worker's stream second, both `no_stream`.
 */
export function registrationOf(
  workerId: string,
  reaction: Extract<StatementReaction, { type: 'record' }>,
  metadata: Partial<EventMetadata>,
): [claim: AppendRequest, worker: AppendRequest] {
  const registered: WorkerRegistered = {
    workerId,
    ...(reaction.actorName ? { name: reaction.actorName } : {}),
    identifiers: [reaction.actor],
    via: 'statement',
  };
  const joined: WorkerJoinedOrganisation = {
    workerId,
    organisationId: reaction.organisationId,
    from: reaction.evidence.storedAt.slice(0, 10),
  };
  return [
    claimRequest(workerId, reaction.actor, metadata),
    {
      streamId: workerStream(workerId),
      expectedRevision: 'no_stream',
      events: [
        { type: EV.workerRegistered, version: 1, data: registered, metadata },
        { type: EV.workerJoinedOrganisation, version: 1, data: joined, metadata },
      ],
    },
  ];
}
