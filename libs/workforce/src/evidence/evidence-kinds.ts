/** What can be recorded as evidence through /api; each becomes one statement of the CLF xAPI profile. */
export const EVIDENCE_KINDS = [
  'assessment',
  'feedback',
  'learning-activity',
  'reflective-account',
  'learning-need',
  'plan-item',
  'qualification',
  'prior-learning',
] as const;
export type EvidenceKind = (typeof EVIDENCE_KINDS)[number];

/** What a record on a worker's timeline is, as recognised from its statement. */
export const RECORD_KINDS = [
  'indicator-assessment',
  'learning-activity',
  'qualification',
  'reflective-account',
  'feedback',
  'assessment',
  'learning-need',
  'plan-item',
  'prior-learning',
  'learning-record',
] as const;
export type RecordKind = (typeof RECORD_KINDS)[number];

/**
 * Qualifications have no template in the CLF profile v1.0: they travel as formal learning with this
 * learning-kind, and their level in the activity definition's extensions.
 */
export const QUALIFICATION_LEARNING_KIND = 'qualification';

/**
 * Extensions the workforce record reads that the CLF profile v1.0 does not define yet (proposed for its
 * next version): a qualification's levels and awarding body, and a learning plan item's status.
 */
export const PROPOSED_EXTENSIONS = {
  scqfLevel: 'https://w3id.org/xapi/clf/extensions/scqf-level',
  svqLevel: 'https://w3id.org/xapi/clf/extensions/svq-level',
  awardingBody: 'https://w3id.org/xapi/clf/extensions/awarding-body',
  planItemStatus: 'https://w3id.org/xapi/clf/extensions/plan-item-status',
} as const;
