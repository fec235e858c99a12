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
