import { isPlatformAdmin, type AccessRole, type Viewer } from './viewer.js';

/**
 * Whether `viewer` may grant or revoke `role` on behalf of `organisationId`. A platform admin may
 * grant anything. A learning lead may staff their own organisation: line-manager roles in it, and
 * worker roles for workers who belong to it (`workerOrganisationIds`, from the workforce directory).
 * Nobody else grants: learning-lead, evaluator and platform-admin roles come from a platform admin,
 * so a lead cannot raise anyone (themselves included) above their own reach.
 */
export function canGrantRole(
  viewer: Viewer,
  organisationId: string,
  role: AccessRole,
  workerOrganisationIds: readonly string[] = [],
): boolean {
  if (isPlatformAdmin(viewer)) return true;
  if (!leads(viewer, organisationId)) return false;
  switch (role.kind) {
    case 'line-manager':
      return role.organisationId === organisationId;
    case 'worker':
      return workerOrganisationIds.includes(organisationId);
    default:
      return false;
  }
}

function leads(viewer: Viewer, organisationId: string): boolean {
  return viewer.roles.some((role) => role.kind === 'learning-lead' && role.organisationId === organisationId);
}

/** Human wording of a role for messages, e.g. `line-manager in org-1`. */
export function describeRole(role: AccessRole): string {
  switch (role.kind) {
    case 'worker':
      return `worker ${role.workerId}`;
    case 'line-manager':
      return `line-manager in ${role.organisationId}`;
    case 'learning-lead':
      return `learning-lead of ${role.organisationId}`;
    case 'evaluator':
      return role.organisationId ? `evaluator of ${role.organisationId}` : 'national evaluator';
    case 'platform-admin':
      return 'platform-admin';
  }
}
