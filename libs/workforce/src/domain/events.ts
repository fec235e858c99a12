import type { Stage, StageName } from '#libs/framework';

/** Event types of the workforce bounded context; stream ids start with `workforce-`. */
export const WORKFORCE_EVENTS = {
  organisationRegistered: 'workforce.OrganisationRegistered',
  organisationDetailsChanged: 'workforce.OrganisationDetailsChanged',
  workerRegistered: 'workforce.WorkerRegistered',
  workerIdentifierAdded: 'workforce.WorkerIdentifierAdded',
  workerJoinedOrganisation: 'workforce.WorkerJoinedOrganisation',
  workerLeftOrganisation: 'workforce.WorkerLeftOrganisation',
  jobRoleDefined: 'workforce.JobRoleDefined',
  jobRoleRequirementsChanged: 'workforce.JobRoleRequirementsChanged',
  roleAssigned: 'workforce.RoleAssigned',
  roleAssignmentEnded: 'workforce.RoleAssignmentEnded',
} as const;

export const WORKFORCE_STREAM_PREFIX = 'workforce-';
export const organisationStream = (organisationId: string) => `workforce-organisation-${organisationId}`;
export const workerStream = (workerId: string) => `workforce-worker-${workerId}`;
export const roleStream = (roleId: string) => `workforce-role-${roleId}`;

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
export interface WorkerLeftOrganisation {
  workerId: string;
  organisationId: string;
  to: string;
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
  | E<typeof WORKFORCE_EVENTS.roleAssigned, RoleAssigned>
  | E<typeof WORKFORCE_EVENTS.roleAssignmentEnded, RoleAssignmentEnded>;
export type JobRoleEvent =
  | E<typeof WORKFORCE_EVENTS.jobRoleDefined, JobRoleDefined>
  | E<typeof WORKFORCE_EVENTS.jobRoleRequirementsChanged, JobRoleRequirementsChanged>;
export type WorkforceEvent = OrganisationEvent | WorkerEvent | JobRoleEvent;

export type { Stage, StageName };
