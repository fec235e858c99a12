import type { DomainEvent } from '../shared/audit-streams.service.js';

/**
 * The staff survey's events, schema version 1. They are kept apart on purpose (see the lib README,
 * "Staff survey anonymity"): who answered and what was answered never share a stream or an event.
 */
export const STAFF_SURVEY_EVENTS = {
  /** In `audit-survey-respondent-<auditId>-<workerId>`: this worker has answered; holds no answer. */
  respondentRecorded: 'audit.StaffSurveyRespondentRecorded',
  /** In `audit-survey-<auditId>`: one respondent's answers; holds no worker, no actor, no answer time. */
  answered: 'audit.StaffSurveyAnswered',
  /**
   * In `audit-survey-<auditId>`, appended with the cycle's completion: an answer appends at the
   * revision of this stream it read, so one decided on the open cycle cannot land after completion.
   */
  closed: 'audit.StaffSurveyClosed',
} as const;

export const surveyRespondentStream = (auditId: string, workerId: string) =>
  `audit-survey-respondent-${auditId}-${workerId}`;
export const surveyAnswersStream = (auditId: string) => `audit-survey-${auditId}`;

/** The 5-point agreement scale: 1 strongly disagree … 5 strongly agree; 4 and 5 count as agreeing. */
export const AGREEMENT_SCALE = [1, 2, 3, 4, 5] as const;
export type Agreement = (typeof AGREEMENT_SCALE)[number];

export interface SurveyAnswer {
  readonly indicatorId: string;
  readonly agreement: Agreement;
}

export type StaffSurveyRespondentRecorded = DomainEvent<
  typeof STAFF_SURVEY_EVENTS.respondentRecorded,
  { auditId: string; organisationId: string }
>;
export type StaffSurveyClosed = DomainEvent<
  typeof STAFF_SURVEY_EVENTS.closed,
  { auditId: string; organisationId: string }
>;
export type StaffSurveyAnswered = DomainEvent<
  typeof STAFF_SURVEY_EVENTS.answered,
  { auditId: string; organisationId: string; answers: readonly (SurveyAnswer & { capabilityId: string })[] }
>;
