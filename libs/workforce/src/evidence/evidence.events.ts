import type { DomainEvent } from '../domain/domain-event.js';

/**
 * The events of a piece of evidence's stream, appended by the evidence reactor (recorded, withdrawn) and
 * accept-evidence (accepted).
 */
export const EVIDENCE_EVENTS = {
  evidenceRecorded: 'workforce.EvidenceRecorded',
  evidenceWithdrawn: 'workforce.EvidenceWithdrawn',
  /** Pending evidence (sent by an organisation the worker did not belong to) accepted: it counts from now on. */
  evidenceAccepted: 'workforce.EvidenceAccepted',
} as const;

/** One stream per piece of evidence: the statement it came from, in the organisation that stored it. */
export const evidenceStream = (organisationId: string, statementId: string) =>
  `workforce-evidence-${organisationId}-${statementId.toLowerCase()}`;

/**
 * One thing recorded about a worker, from one xAPI statement (an LMS's or one stored by /api): all the
 * read model needs, so no projection reads the statement. Stream `workforce-evidence-<org>-<statementId>`;
 * metadata: occurredAt = the statement's timestamp, causationId = the StatementStored event.
 */
export interface EvidenceRecorded {
  workerId: string;
  organisationId: string;
  statementId: string;
  kind: string;
  /** When it happened (the statement's timestamp): decides the profile as of a date. */
  occurredAt: string;
  /** When the LRS stored the statement: orders judgements with the same timestamp. */
  storedAt: string;
  title?: string;
  capabilityIds: string[];
  indicatorIds: string[];
  durationSeconds?: number;
  source?: string;
  by?: string;
  /** For an assessment of an indicator: the judgement the stage rule counts. */
  indicator?: { indicatorId: string; capabilityId: string; evidenced: boolean };
  details: Record<string, unknown>;
  /**
   * Version 3: who recorded it, apart from who gave or judged it (`by`) and the source: the signed-in
   * user for /api (`{ id: userId, name }`), else the LRS client that sent it (`{ id: 'lrs-client:<key>', name }`).
   * Absent in earlier events.
   */
  recordedBy?: RecordedBy;
  /**
   * Version 2: true when the sending organisation did not know the worker at the statement's time (no
   * membership from before it was stored lasting to when it happened). Pending evidence counts for
   * nothing until `EvidenceAccepted`. Version 1 events (before issue 11) lack it: not pending.
   */
  pending?: boolean;
}
export interface RecordedBy {
  id: string;
  name: string | null;
}

/** The worker, or a learning lead of one of their organisations, accepted pending evidence. */
export interface EvidenceAccepted {
  workerId: string;
  organisationId: string;
  statementId: string;
  acceptedBy: string;
}
/** The statement behind the evidence was voided: it stops counting from `withdrawnAt`; history keeps it. */
export interface EvidenceWithdrawn {
  workerId: string;
  organisationId: string;
  statementId: string;
  voidingStatementId: string;
  withdrawnAt: string;
}

export type EvidenceEvent =
  | DomainEvent<typeof EVIDENCE_EVENTS.evidenceRecorded, EvidenceRecorded>
  | DomainEvent<typeof EVIDENCE_EVENTS.evidenceWithdrawn, EvidenceWithdrawn>
  | DomainEvent<typeof EVIDENCE_EVENTS.evidenceAccepted, EvidenceAccepted>;
