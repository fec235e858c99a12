export { AuditModule } from './audit.module.js';
export { auditProjections } from './registration.js';
export { AUDIT_PROJECTION, auditProjection } from './read-model/audit.projection.js';
export {
  AUDIT_CYCLE_EVENTS,
  auditCycleStream,
  DEFAULT_SURVEY_THRESHOLD,
  type AuditCycleEvent,
} from './cycle/audit-cycle.events.js';
export { STAFF_SURVEY_EVENTS } from './survey/staff-survey.events.js';
export { ADOPTION_EVENTS, ADOPTION_STATUSES, adoptionStream, type AdoptionStatus } from './adoption/adoption.events.js';
export {
  capabilityStatuses,
  MIN_SURVEY_RESPONDENTS,
  type CapabilityStatus,
  type CycleFacts,
} from './status/audit-status.js';
export * from './cycle/open-audit-cycle/open-audit-cycle.command.js';
export * from './cycle/answer-audit-question/answer-audit-question.command.js';
export * from './cycle/self-assess-indicator/self-assess-indicator.command.js';
export * from './cycle/plan-action/plan-action.command.js';
export * from './cycle/change-action-status/change-action-status.command.js';
export * from './cycle/complete-audit-cycle/complete-audit-cycle.command.js';
export * from './survey/answer-staff-survey/answer-staff-survey.command.js';
export * from './adoption/record-adoption/record-adoption.command.js';
export * from './queries/list-audit-cycles/list-audit-cycles.query.js';
export * from './queries/get-audit-cycle/get-audit-cycle.query.js';
export * from './queries/get-audit-status/get-audit-status.query.js';
export * from './queries/get-audit-history/get-audit-history.query.js';
export * from './queries/get-adoption/get-adoption.query.js';
export * from './queries/list-my-surveys/list-my-surveys.query.js';
