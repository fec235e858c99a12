import type { DomainEvent } from '../shared/audit-streams.service.js';

/**
 * The events an audit cycle's stream (`audit-cycle-<auditId>`) holds, all at schema version 1.
 * Names are past tense: each records a fact of the self-audit seed 003 describes.
 */
export const AUDIT_CYCLE_EVENTS = {
  opened: 'audit.AuditCycleOpened',
  questionAnswered: 'audit.AuditQuestionAnswered',
  indicatorSelfAssessed: 'audit.OrganisationIndicatorSelfAssessed',
  actionPlanned: 'audit.AuditActionPlanned',
  actionStatusChanged: 'audit.AuditActionStatusChanged',
  completed: 'audit.AuditCycleCompleted',
  /** A tool voided the statement an answer came from: the answer before it (if any) stands again. */
  answerWithdrawn: 'audit.AuditQuestionAnswerWithdrawn',
  /** A tool voided the statement a self-assessment came from: the one before it (if any) stands again. */
  selfAssessmentWithdrawn: 'audit.OrganisationIndicatorSelfAssessmentWithdrawn',
} as const;

export const auditCycleStream = (auditId: string) => `audit-cycle-${auditId}`;

/**
 * The organisation's register of its cycles (`audit-organisation-<organisationId>`), version 1. Opening
 * a cycle appends to it at the revision read, so two cycles opened at once cannot both pass the rule
 * "one open cycle per organisation".
 */
export const AUDIT_REGISTER_EVENTS = { cycleRegistered: 'audit.AuditCycleRegistered' } as const;
export const auditRegisterStream = (organisationId: string) => `audit-organisation-${organisationId}`;
export type AuditCycleRegistered = DomainEvent<
  typeof AUDIT_REGISTER_EVENTS.cycleRegistered,
  { auditId: string; organisationId: string; startedOn: string }
>;

/** The share of respondents agreeing that evidences a worker indicator unless a cycle sets its own. */
export const DEFAULT_SURVEY_THRESHOLD = 0.6;

export const ACTION_STATUSES = ['open', 'done', 'dropped'] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

export type AuditCycleOpened = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.opened,
  { auditId: string; organisationId: string; startedOn: string; surveyThreshold: number }
>;
export type AuditQuestionAnswered = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.questionAnswered,
  { auditId: string; organisationId: string; capabilityId: string; questionId: string; response: string }
>;
export type OrganisationIndicatorSelfAssessed = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.indicatorSelfAssessed,
  {
    auditId: string;
    organisationId: string;
    capabilityId: string;
    indicatorId: string;
    achieved: boolean;
    evidence: string;
  }
>;
export type AuditActionPlanned = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.actionPlanned,
  {
    auditId: string;
    organisationId: string;
    actionId: string;
    capabilityId: string;
    indicatorId: string;
    description: string;
    owner: string;
    due: string;
  }
>;
export type AuditActionStatusChanged = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.actionStatusChanged,
  { auditId: string; organisationId: string; actionId: string; status: ActionStatus; changedOn: string }
>;
export type AuditCycleCompleted = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.completed,
  { auditId: string; organisationId: string; completedOn: string }
>;

/**
 * `withdrawnEventId` is the event of the voided statement's answer; `standing` what the question's
 * answer is once it is withdrawn: the latest answer not withdrawn, or none.
 */
export type AuditQuestionAnswerWithdrawn = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.answerWithdrawn,
  {
    auditId: string;
    organisationId: string;
    capabilityId: string;
    questionId: string;
    withdrawnEventId: string;
    standing: { response: string } | null;
  }
>;
export type OrganisationIndicatorSelfAssessmentWithdrawn = DomainEvent<
  typeof AUDIT_CYCLE_EVENTS.selfAssessmentWithdrawn,
  {
    auditId: string;
    organisationId: string;
    capabilityId: string;
    indicatorId: string;
    withdrawnEventId: string;
    standing: { achieved: boolean; evidence: string } | null;
  }
>;

export type AuditCycleEvent =
  | AuditCycleOpened
  | AuditQuestionAnswered
  | OrganisationIndicatorSelfAssessed
  | AuditActionPlanned
  | AuditActionStatusChanged
  | AuditCycleCompleted
  | AuditQuestionAnswerWithdrawn
  | OrganisationIndicatorSelfAssessmentWithdrawn;
