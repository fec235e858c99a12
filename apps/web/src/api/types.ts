/** Shapes of the /api answers this app reads (see /api/docs/openapi.json and the workforce lib). */

export type StageName = 'not-yet-engaged' | 'engaged' | 'established' | 'accomplished' | 'exemplary';
export const STAGES: StageName[] = ['not-yet-engaged', 'engaged', 'established', 'accomplished', 'exemplary'];
export const ACHIEVABLE_STAGES = STAGES.slice(1) as Exclude<StageName, 'not-yet-engaged'>[];

export type AccessRole =
  | { kind: 'worker'; workerId: string }
  | { kind: 'line-manager'; organisationId: string; workerIds: string[] }
  | { kind: 'learning-lead'; organisationId: string }
  | { kind: 'evaluator'; organisationId?: string }
  | { kind: 'platform-admin' };

export interface SignedInUser {
  id: string;
  email: string;
  displayName: string;
  roles: AccessRole[];
}

export interface SignInAnswer {
  token: string;
  expiresAt: string;
  user: SignedInUser;
}

export interface Indicator {
  id: string;
  iri: string;
  text: string;
}

export interface PersonalCapability {
  id: string;
  name: string;
  group: 'managing-self' | 'managing-relationships';
  stages: { stage: StageName; indicators: Indicator[] }[];
}

export interface Framework {
  version: string;
  stages: { stage: StageName; label: string; personalDescriptor: string; organisationalDescriptor: string }[];
  personalCapabilities: PersonalCapability[];
  organisationalCapabilities: OrganisationalCapability[];
}

/** One of the six organisational capabilities (seed 001): "If the organisation..." and "Then the worker should..." indicators per stage. */
export interface OrganisationalCapability {
  id: string;
  number: number;
  name: string;
  summary: string;
  stages: {
    stage: Exclude<StageName, 'not-yet-engaged'>;
    organisationIndicators: Indicator[];
    workerIndicators: Indicator[];
  }[];
}

export interface Worker {
  id: string;
  name: string | null;
  registrationNumber: string | null;
  organisations: { organisationId: string; from: string; to: string | null }[];
  roles: { roleId: string; name: string; organisationId: string; from: string; to: string | null }[];
}

/** Who recorded a record: a user of /api, or the LRS client that sent it; null for records from before it was kept. */
export interface RecordedBy {
  id: string;
  name: string | null;
}

export interface EvidenceRef {
  statementId: string;
  occurredAt: string;
  source: string | null;
  /** Who gave or judged it, as the statement names them. */
  by: string | null;
  recordedBy: RecordedBy | null;
}

export interface CapabilityProfile {
  workerId: string;
  asOf: string;
  capabilities: {
    capabilityId: string;
    name: string;
    stage: StageName;
    evidencedIndicators: { indicatorId: string; text: string; stage: StageName; evidence: EvidenceRef }[];
    missingForNextStage: { stage: StageName; indicators: { indicatorId: string; text: string }[] } | null;
  }[];
}

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

export interface TimelineEntry {
  statementId: string;
  kind: RecordKind;
  occurredAt: string;
  title: string | null;
  capabilityIds: string[];
  indicatorIds: string[];
  capabilities: { id: string; name: string }[];
  indicators: { id: string; text: string }[];
  kindInWords: string;
  durationSeconds: number | null;
  source: string | null;
  sourceInWords: string | null;
  by: string | null;
  recordedBy: RecordedBy | null;
  evidenced: boolean | null;
  details: Record<string, unknown>;
  withdrawnAt: string | null;
}

export interface TimelinePage {
  workerId: string;
  entries: TimelineEntry[];
  next: string | null;
}

export interface StageChange {
  capabilityId: string;
  capabilityName: string;
  at: string;
  from: StageName;
  to: StageName;
  direction: 'up' | 'down';
  cause: {
    statementId: string;
    change: string;
    indicator: { id: string; text: string };
    by: string | null;
    recordedBy: RecordedBy | null;
    source: string | null;
  };
}

export interface StageHistory {
  workerId: string;
  changes: StageChange[];
}

export interface RoleRef {
  id: string;
  name: string;
  organisationId: string;
}

export interface MissingIndicator {
  indicatorId: string;
  stage: StageName;
  text: string;
}

export interface RoleGap {
  workerId: string;
  asOf: string;
  role: RoleRef | null;
  currentRole: RoleRef | null;
  requirements: {
    capabilityId: string;
    name: string;
    required: StageName;
    current: StageName;
    requiredInCurrentRole: StageName | null;
    met: boolean;
    missingIndicators: MissingIndicator[];
  }[];
  transferableStrengths: { capabilityId: string; name: string; current: StageName; required: StageName }[];
  gaps: {
    capabilityId: string;
    name: string;
    current: StageName;
    required: StageName;
    missingIndicators: MissingIndicator[];
  }[];
  qualifications: { required: string[]; held: string[]; missing: string[] };
  training: { required: string[] };
}

export interface JobRole {
  id: string;
  organisationId: string;
  name: string;
  requirements: { capabilityId: string; stage: StageName }[];
  qualifications: string[];
  training: string[];
}

export interface RolesPage {
  organisationId: string;
  /** Its id for an organisation with no name (the bootstrap `default`). */
  organisationName: string;
  roles: JobRole[];
  next: string | null;
}

export interface EvidenceExport {
  hoursOfLearning: number;
  period: { from: string | null; to: string };
  records: unknown[];
}

/** One row of a self-assessment chart or of the staff perceptions (seed 003), in the audit tool's words. */
export interface AuditItem {
  indicatorId: string;
  text: string;
  stage: Exclude<StageName, 'not-yet-engaged'>;
}

/** GET /api/framework/audit: seed 003's layout of the self-audit, capability by capability. */
export interface AuditStructure {
  review: { title: string; guidance: string[] };
  capabilities: {
    capabilityId: string;
    capabilityName: string;
    basis: 'seed-003' | 'indicators';
    areas: {
      id: string;
      title: string;
      introduction?: string;
      suggestedEvidence: string[];
      questions: { id: string; text: string }[];
      selfAssessment: { id: string; title: string; instruction: string; items: AuditItem[] };
      staffPerceptions: { instruction: string; items: AuditItem[] };
    }[];
  }[];
}

export type AuditStage = StageName | 'suppressed';
export type ActionStatus = 'open' | 'done' | 'dropped';
export const ACTION_STATUSES: ActionStatus[] = ['open', 'done', 'dropped'];

export interface AuditCycleSummary {
  id: string;
  startedOn: string;
  completedOn: string | null;
  state: 'open' | 'completed';
  surveyThreshold: number;
}

export interface AuditCapabilityStatus {
  capabilityId: string;
  selfAssessedStage: StageName;
  staffPerceptionStage: AuditStage;
  areasForDevelopment: { indicatorId: string; stage: StageName; text: string }[];
  actions: Record<ActionStatus, number>;
}

export interface AuditAction {
  id: string;
  capabilityId: string;
  indicatorId: string;
  description: string;
  owner: string;
  due: string;
  status: ActionStatus;
}

/** GET /api/organisations/:id/audits/:auditId: everything recorded in one cycle. */
export interface AuditCycle extends AuditCycleSummary {
  answers: { questionId: string; capabilityId: string; response: string }[];
  selfAssessments: { indicatorId: string; capabilityId: string; achieved: boolean; evidence: string }[];
  survey: {
    respondents: number;
    threshold: number;
    suppressed: boolean;
    indicators: { indicatorId: string; answered: number; agreeing: number; evidenced: boolean }[];
  };
  actions: AuditAction[];
  capabilities: AuditCapabilityStatus[];
}

export interface AuditStatus {
  organisationId: string;
  asOf: string;
  auditId: string | null;
  completedOn: string | null;
  capabilities: AuditCapabilityStatus[];
}

export interface AuditHistory {
  organisationId: string;
  history: {
    auditId: string;
    startedOn: string;
    completedOn: string;
    capabilities: {
      capabilityId: string;
      selfAssessedStage: StageName;
      staffPerceptionStage: AuditStage;
      movement: 'up' | 'same' | 'down' | null;
    }[];
  }[];
}

export type AdoptionStatus = 'aware' | 'using' | 'stopped';
export const ADOPTION_STATUSES: AdoptionStatus[] = ['aware', 'using', 'stopped'];

export interface Adoption {
  organisationId: string;
  asOf: string;
  current: AdoptionStatus | null;
  history: { status: AdoptionStatus; date: string }[];
}

/** One row of `GET /api/trends/:trend`: counts at a 31 December, their changes on the year before, and what privacy hid. */
export interface TrendRow {
  year: number;
  /** The segment's value under `by` (`{ sector: 'public' }`), `{}` without `by`; a role of null = workers with no role. */
  segment: Record<string, string | null>;
  capabilityId?: string;
  /** Flat names (`using`, `stages.engaged`, `usingChange`) of the counts hidden as 1 to 4, or recoverable from them. */
  suppressed: string[];
  [key: string]: unknown;
}

export interface TrendAnswer {
  rows: TrendRow[];
}

/** One worker as their organisation's learning lead sees them (`GET /api/organisations/:id/workers`). */
export interface StaffMember {
  id: string;
  name: string | null;
  registrationNumber: string | null;
  /** Their memberships of this organisation, oldest first; `to` null while they work there. */
  memberships: { from: string; to: string | null }[];
  current: boolean;
  currentRole: { roleId: string; name: string | null; from: string } | null;
}

export interface StaffPage {
  organisationId: string;
  workers: StaffMember[];
  next: string | null;
}

/** `GET /api/organisations/:id/capability-summary`: workers per stage on each personal capability, and role fit. */
export interface CapabilitySummary {
  organisationId: string;
  asOf: string;
  workers: number;
  capabilities: { capabilityId: string; name: string; stages: Record<StageName, number> }[];
  roleFit: {
    withRole: number;
    meetingAll: number;
    capabilities: { capabilityId: string; required: number; meeting: number }[];
  };
}

/** `GET /api/me/surveys`: the open staff surveys of the organisations the signed-in worker belongs to now. */
export interface MySurvey {
  organisationId: string;
  organisationName: string;
  auditId: string;
  startedOn: string;
  answered: boolean;
}

export const LRS_SCOPES = [
  'statements/write',
  'statements/read',
  'statements/read/mine',
  'state',
  'profile',
  'define',
  'all/read',
  'all',
] as const;
export type LrsScope = (typeof LRS_SCOPES)[number];
/** What the API gives a client when no scope is chosen. */
export const DEFAULT_LRS_SCOPES: LrsScope[] = ['statements/write', 'statements/read/mine'];

/** An LRS client as `/api/organisations/:id/lrs-clients` shows it: never its secret. */
export interface LrsClient {
  id: string;
  key: string;
  name: string;
  organisationId: string;
  scopes: LrsScope[];
  createdAt: string;
  revokedAt: string | null;
}

/** The answer to creating a client: the only time its secret is shown. */
export interface CreatedLrsClient extends LrsClient {
  secret: string;
}

export interface LrsClientPage {
  organisationId: string;
  clients: LrsClient[];
  next: string | null;
}

/** An organisation as `GET /api/organisations` lists it (every one for a platform admin, a lead's own). */
export interface OrganisationSummary {
  id: string;
  name: string;
  sector: string;
  region: string;
  serviceType: string;
  sizeBand: string;
  registeredAt: string;
}

export interface OrganisationPage {
  organisations: OrganisationSummary[];
  next: string | null;
}

/** A worker registered from an LRS client's statement about an unknown actor, not yet reviewed. */
export interface WorkerFromStatement {
  id: string;
  /** The actor's name as the first statement gave it, if it did. */
  name: string | null;
  /** The xAPI agents (inverse functional identifiers) the worker holds: `mbox`, `account`, … */
  identifiers: Record<string, unknown>[];
  firstSeenAt: string;
  records: number;
}

export interface WorkersFromStatementsPage {
  organisationId: string;
  workers: WorkerFromStatement[];
  next: string | null;
}
