import type { StageName } from '#libs/framework';
import type { DomainEvent } from '../domain/domain-event.js';

/** The events of a job role's stream (`workforce-role-<id>`), appended by define-role and change-role-requirements. */
export const JOB_ROLE_EVENTS = {
  jobRoleDefined: 'workforce.JobRoleDefined',
  jobRoleRequirementsChanged: 'workforce.JobRoleRequirementsChanged',
} as const;

export const roleStream = (roleId: string) => `workforce-role-${roleId}`;

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

export type JobRoleEvent =
  | DomainEvent<typeof JOB_ROLE_EVENTS.jobRoleDefined, JobRoleDefined>
  | DomainEvent<typeof JOB_ROLE_EVENTS.jobRoleRequirementsChanged, JobRoleRequirementsChanged>;
