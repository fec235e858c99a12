import { createHash } from 'node:crypto';
import type { Stage, StageName } from '#libs/framework';

/** Event types of the workforce bounded context; stream ids start with `workforce-`. */
export const WORKFORCE_EVENTS = {
  organisationRegistered: 'workforce.OrganisationRegistered',
  organisationDetailsChanged: 'workforce.OrganisationDetailsChanged',
  workerRegistered: 'workforce.WorkerRegistered',
  workerIdentifierAdded: 'workforce.WorkerIdentifierAdded',
  workerJoinedOrganisation: 'workforce.WorkerJoinedOrganisation',
  workerLeftOrganisation: 'workforce.WorkerLeftOrganisation',
  /** An organisation asked a worker known to another organisation to join it; they join when they accept. */
  workerInvited: 'workforce.WorkerInvited',
  /** The worker (or a platform admin) declined an organisation's invitation: it is no longer pending. */
  invitationDeclined: 'workforce.InvitationDeclined',
  /** The worker shared their whole record, or one piece of evidence, with an organisation they belong to. */
  recordShared: 'workforce.RecordShared',
  /** The worker withdrew a share: the organisation no longer sees what it covered. */
  recordShareWithdrawn: 'workforce.RecordShareWithdrawn',
  jobRoleDefined: 'workforce.JobRoleDefined',
  jobRoleRequirementsChanged: 'workforce.JobRoleRequirementsChanged',
  roleAssigned: 'workforce.RoleAssigned',
  roleAssignmentEnded: 'workforce.RoleAssignmentEnded',
  /** A worker first seen in statements became part of a registered worker (identifier handed over). */
  workerMerged: 'workforce.WorkerMerged',
  identifierClaimed: 'workforce.IdentifierClaimed',
  identifierHandedOver: 'workforce.IdentifierHandedOver',
  evidenceRecorded: 'workforce.EvidenceRecorded',
  evidenceWithdrawn: 'workforce.EvidenceWithdrawn',
  /** Pending evidence (sent by an organisation the worker did not belong to) accepted: it counts from now on. */
  evidenceAccepted: 'workforce.EvidenceAccepted',
} as const;

export const WORKFORCE_STREAM_PREFIX = 'workforce-';
export const organisationStream = (organisationId: string) => `workforce-organisation-${organisationId}`;
export const workerStream = (workerId: string) => `workforce-worker-${workerId}`;
export const roleStream = (roleId: string) => `workforce-role-${roleId}`;
/** One stream per piece of evidence: the statement it came from, in the organisation that stored it. */
export const evidenceStream = (organisationId: string, statementId: string) =>
  `workforce-evidence-${organisationId}-${statementId.toLowerCase()}`;
/**
 * One stream per xAPI identifier: who holds it. Appending its first event with `no_stream` is what
 * makes a claim race-free across processes (see workers/identifier-claims.ts).
 */
export const identifierStream = (ifi: string) =>
  `workforce-identifier-${createHash('sha256').update(ifi, 'utf8').digest('hex').slice(0, 40)}`;

export const SECTORS = ['public', 'private', 'voluntary'] as const;
export type Sector = (typeof SECTORS)[number];
/** Employer size by number of staff, the bands evaluations segment by. */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export interface OrganisationDetails {
  name: string;
  sector: Sector;
  region: string;
  serviceType: string;
  sizeBand: SizeBand;
}

export interface OrganisationRegistered extends OrganisationDetails {
  organisationId: string;
}
export interface OrganisationDetailsChanged extends OrganisationDetails {
  organisationId: string;
}

/** One xAPI inverse functional identifier: `ifi` is its canonical text (see `agentIfi`), `agent` the identifier as sent. */
export interface WorkerIdentifier {
  ifi: string;
  agent: Record<string, unknown>;
}

export interface WorkerRegistered {
  workerId: string;
  name?: string;
  identifiers: WorkerIdentifier[];
  registrationNumber?: string;
  /**
   * `statement`: registered by the evidence reactor, the actor of a statement from an LRS client being
   * unknown. Absent: registered through /api (which may later complete a worker first seen in statements).
   */
  via?: 'statement';
}
export interface WorkerIdentifierAdded {
  workerId: string;
  identifier: WorkerIdentifier;
}
export interface WorkerJoinedOrganisation {
  workerId: string;
  organisationId: string;
  /** ISO date (YYYY-MM-DD) the membership starts. */
  from: string;
}
/** Stays pending until the worker (signed in) or a platform admin accepts it: then `WorkerJoinedOrganisation`. */
export interface WorkerInvited {
  workerId: string;
  organisationId: string;
  /** ISO date the membership would start. */
  from: string;
  /** The user who invited. */
  invitedBy: string;
}
/** v1. The invitation of `organisationId` ends without the worker joining. */
export interface InvitationDeclined {
  workerId: string;
  organisationId: string;
  /** The user who declined: the worker, or a platform admin. */
  declinedBy: string;
}

/**
 * What a worker shares with an organisation: their whole record, or the evidence of one statement
 * (stored by `organisationId`, the organisation whose LRS holds it).
 */
export type ShareScope = { kind: 'record' } | { kind: 'evidence'; organisationId: string; statementId: string };

/** v1. An organisation sees only the evidence recorded in it, plus what the worker shares with it. */
export interface RecordShared {
  workerId: string;
  /** The organisation that may now see it: one the worker is a current member of. */
  withOrganisationId: string;
  scope: ShareScope;
  sharedBy: string;
}
/** v1. The share ends: the organisation sees only what other shares and its own records give it. */
export interface RecordShareWithdrawn {
  workerId: string;
  withOrganisationId: string;
  scope: ShareScope;
  withdrawnBy: string;
}

export interface WorkerLeftOrganisation {
  workerId: string;
  organisationId: string;
  to: string;
}

/** `workerId`, known only from statements, is the same person as `intoWorkerId`: its records move there. */
export interface WorkerMerged {
  workerId: string;
  intoWorkerId: string;
  /** The identifier handed over, which showed they are the same person. */
  identifier: WorkerIdentifier;
}

/** The first holder of an identifier (stream `workforce-identifier-<hash>`). */
export interface IdentifierClaimed {
  ifi: string;
  workerId: string;
  agent: Record<string, unknown>;
}
/** A worker known only from statements hands its identifier to a registered worker. */
export interface IdentifierHandedOver {
  ifi: string;
  fromWorkerId: string;
  toWorkerId: string;
}

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

/** The stage a role needs on one personal capability that matters for it. */
export interface CapabilityRequirement {
  capabilityId: string;
  stage: StageName;
}

export interface JobRoleDetails {
  name: string;
  requirements: CapabilityRequirement[];
  qualifications: string[];
  training: string[];
}
export interface JobRoleDefined extends JobRoleDetails {
  roleId: string;
  organisationId: string;
}
export interface JobRoleRequirementsChanged extends JobRoleDetails {
  roleId: string;
}

export interface RoleAssigned {
  workerId: string;
  roleId: string;
  organisationId: string;
  from: string;
}
export interface RoleAssignmentEnded {
  workerId: string;
  roleId: string;
  to: string;
}

type E<T extends string, D> = { type: T; data: D };
export type OrganisationEvent =
  | E<typeof WORKFORCE_EVENTS.organisationRegistered, OrganisationRegistered>
  | E<typeof WORKFORCE_EVENTS.organisationDetailsChanged, OrganisationDetailsChanged>;
export type WorkerEvent =
  | E<typeof WORKFORCE_EVENTS.workerRegistered, WorkerRegistered>
  | E<typeof WORKFORCE_EVENTS.workerIdentifierAdded, WorkerIdentifierAdded>
  | E<typeof WORKFORCE_EVENTS.workerJoinedOrganisation, WorkerJoinedOrganisation>
  | E<typeof WORKFORCE_EVENTS.workerLeftOrganisation, WorkerLeftOrganisation>
  | E<typeof WORKFORCE_EVENTS.workerInvited, WorkerInvited>
  | E<typeof WORKFORCE_EVENTS.invitationDeclined, InvitationDeclined>
  | E<typeof WORKFORCE_EVENTS.recordShared, RecordShared>
  | E<typeof WORKFORCE_EVENTS.recordShareWithdrawn, RecordShareWithdrawn>
  | E<typeof WORKFORCE_EVENTS.roleAssigned, RoleAssigned>
  | E<typeof WORKFORCE_EVENTS.roleAssignmentEnded, RoleAssignmentEnded>
  | E<typeof WORKFORCE_EVENTS.workerMerged, WorkerMerged>;
export type IdentifierEvent =
  | E<typeof WORKFORCE_EVENTS.identifierClaimed, IdentifierClaimed>
  | E<typeof WORKFORCE_EVENTS.identifierHandedOver, IdentifierHandedOver>;
export type EvidenceEvent =
  | E<typeof WORKFORCE_EVENTS.evidenceRecorded, EvidenceRecorded>
  | E<typeof WORKFORCE_EVENTS.evidenceWithdrawn, EvidenceWithdrawn>
  | E<typeof WORKFORCE_EVENTS.evidenceAccepted, EvidenceAccepted>;
export type JobRoleEvent =
  | E<typeof WORKFORCE_EVENTS.jobRoleDefined, JobRoleDefined>
  | E<typeof WORKFORCE_EVENTS.jobRoleRequirementsChanged, JobRoleRequirementsChanged>;
export type WorkforceEvent = OrganisationEvent | WorkerEvent | JobRoleEvent | IdentifierEvent | EvidenceEvent;

export type { Stage, StageName };
