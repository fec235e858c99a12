import { CLF_BASE_IRI } from '../catalogue/iris.js';

/** The profile's own IRI (not a version), also used as the category context activity id's stem. */
export const CLF_PROFILE_ID = 'https://w3id.org/xapi/clf';
/** Every version of the profile, oldest first. */
export const CLF_PROFILE_VERSION_IDS = {
  'v1.0': `${CLF_PROFILE_ID}/v1.0`,
  /** Adds the qualification template, its activity type and extensions, and a plan item's status. */
  'v1.1': `${CLF_PROFILE_ID}/v1.1`,
} as const;
/** The current profile version; statements following the profile put it in context.contextActivities.category. */
export const CLF_PROFILE_VERSION_ID = CLF_PROFILE_VERSION_IDS['v1.1'];

export const CLF_VERBS = {
  demonstrated: `${CLF_BASE_IRI}verbs/demonstrated`,
  completed: `${CLF_BASE_IRI}verbs/completed`,
  reflected: `${CLF_BASE_IRI}verbs/reflected`,
  receivedFeedback: `${CLF_BASE_IRI}verbs/received-feedback`,
  wasAssessed: `${CLF_BASE_IRI}verbs/was-assessed`,
  identifiedLearningNeed: `${CLF_BASE_IRI}verbs/identified-learning-need`,
  planned: `${CLF_BASE_IRI}verbs/planned`,
  hadPriorLearningRecognised: `${CLF_BASE_IRI}verbs/had-prior-learning-recognised`,
  answered: `${CLF_BASE_IRI}verbs/answered`,
  selfAssessed: `${CLF_BASE_IRI}verbs/self-assessed`,
  /** v1.1 */
  gainedQualification: `${CLF_BASE_IRI}verbs/gained-qualification`,
} as const;

export const CLF_ACTIVITY_TYPES = {
  indicator: `${CLF_BASE_IRI}activity-types/indicator`,
  capability: `${CLF_BASE_IRI}activity-types/capability`,
  formalLearning: `${CLF_BASE_IRI}activity-types/formal-learning`,
  informalLearning: `${CLF_BASE_IRI}activity-types/informal-learning`,
  reflectiveAccount: `${CLF_BASE_IRI}activity-types/reflective-account`,
  feedback: `${CLF_BASE_IRI}activity-types/feedback`,
  assessment: `${CLF_BASE_IRI}activity-types/assessment`,
  learningNeed: `${CLF_BASE_IRI}activity-types/learning-need`,
  learningPlanItem: `${CLF_BASE_IRI}activity-types/learning-plan-item`,
  priorLearning: `${CLF_BASE_IRI}activity-types/prior-learning`,
  auditQuestion: `${CLF_BASE_IRI}activity-types/audit-question`,
  /** v1.1 */
  qualification: `${CLF_BASE_IRI}activity-types/qualification`,
} as const;

export const CLF_EXTENSIONS = {
  evidenceSource: `${CLF_BASE_IRI}extensions/evidence-source`,
  learningKind: `${CLF_BASE_IRI}extensions/learning-kind`,
  targetStage: `${CLF_BASE_IRI}extensions/target-stage`,
  organisation: `${CLF_BASE_IRI}extensions/organisation`,
  scqfCreditPoints: `${CLF_BASE_IRI}extensions/scqf-credit-points`,
  /** v1.1, activity extension of a qualification: its SCQF level (1-12). */
  scqfLevel: `${CLF_BASE_IRI}extensions/scqf-level`,
  /** v1.1, activity extension of a qualification: its SVQ level (1-5). */
  svqLevel: `${CLF_BASE_IRI}extensions/svq-level`,
  /** v1.1, activity extension of a qualification: the body that awarded it. */
  awardingBody: `${CLF_BASE_IRI}extensions/awarding-body`,
  /** v1.1, result extension of a learning plan item: its status, one of PLAN_ITEM_STATUSES. */
  planItemStatus: `${CLF_BASE_IRI}extensions/plan-item-status`,
} as const;

/** SCQF levels run from 1 to 12, SVQ levels from 1 to 5 (the bounds /api has always checked). */
export const SCQF_LEVELS = [1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12] as const;
export const SVQ_LEVELS = [1, 2, 3, 4, 5] as const;

/**
 * A learning plan item's status. The seeds name no statuses for plan items; these are the four /api has
 * recorded since before v1.1, kept so that earlier statements keep their meaning.
 */
export const PLAN_ITEM_STATUSES = ['planned', 'in-progress', 'completed', 'dropped'] as const;
export type PlanItemStatus = (typeof PLAN_ITEM_STATUSES)[number];

/**
 * Before v1.1 a qualification travelled as formal learning with this learning-kind; such statements are still
 * recognised as qualifications.
 */
export const QUALIFICATION_LEARNING_KIND = 'qualification';

/** Who an indicator's evidence, or a feedback item, came from (seed 000: line managers, colleagues, people who use services, carers, self). */
export const EVIDENCE_SOURCES = [
  'line-manager',
  'colleague',
  'person-using-services',
  'carer',
  'self',
  'assessor',
] as const;
export type EvidenceSource = (typeof EVIDENCE_SOURCES)[number];

/** Feedback has the same sources as evidence except the assessor, whose judgements are assessments. */
export const FEEDBACK_SOURCES = ['line-manager', 'colleague', 'person-using-services', 'carer', 'self'] as const;
export type FeedbackSource = (typeof FEEDBACK_SOURCES)[number];

export const CLF_TEMPLATES = {
  indicatorEvidence: `${CLF_BASE_IRI}templates/indicator-evidence`,
  formalLearning: `${CLF_BASE_IRI}templates/formal-learning`,
  informalLearning: `${CLF_BASE_IRI}templates/informal-learning`,
  reflectiveAccount: `${CLF_BASE_IRI}templates/reflective-account`,
  feedback: `${CLF_BASE_IRI}templates/feedback`,
  assessment: `${CLF_BASE_IRI}templates/assessment`,
  learningNeed: `${CLF_BASE_IRI}templates/learning-need`,
  learningPlanItem: `${CLF_BASE_IRI}templates/learning-plan-item`,
  priorLearning: `${CLF_BASE_IRI}templates/prior-learning`,
  auditAnswer: `${CLF_BASE_IRI}templates/audit-answer`,
  auditIndicatorSelfAssessment: `${CLF_BASE_IRI}templates/audit-indicator-self-assessment`,
  /** v1.1 */
  qualification: `${CLF_BASE_IRI}templates/qualification`,
} as const;

export const CLF_PATTERNS = {
  learningPlan: `${CLF_BASE_IRI}patterns/learning-plan`,
  learningPlanItems: `${CLF_BASE_IRI}patterns/learning-plan-items`,
  organisationalSelfAudit: `${CLF_BASE_IRI}patterns/organisational-self-audit`,
  auditEntries: `${CLF_BASE_IRI}patterns/audit-entries`,
} as const;
