import { isPlatformAdmin, type AccessRole, type Viewer } from './viewer.js';
import type { WorkerPlaces } from './worker-directory.js';

/**
 * Whether `viewer` may grant or revoke `role` on behalf of `organisationId`. A platform admin may
 * grant anything. A learning lead may staff their own organisation: line-manager roles in it naming
 * its current workers, and the worker role of a worker who belongs to it and is known to no other
 * organisation (`workers`, from the workforce directory): a worker known elsewhere holds their record
 * themselves, so no single employer gives it to an account or takes it away.
 * Nobody else grants: learning-lead, evaluator and platform-admin roles come from a platform admin,
 * so a lead cannot raise anyone (themselves included) above their own reach.
 */
export function canGrantRole(
  viewer: Viewer,
  organisationId: string,
  role: AccessRole,
  workers: ReadonlyMap<string, WorkerPlaces> = new Map(),
): boolean {
  if (isPlatformAdmin(viewer)) return true;
  if (!leads(viewer, organisationId)) return false;
  const worksHere = (workerId: string) => workers.get(workerId)?.current.includes(organisationId) ?? false;
  switch (role.kind) {
    case 'line-manager':
      return role.organisationId === organisationId && role.workerIds.every(worksHere);
    case 'worker':
      return worksHere(role.workerId) && workers.get(role.workerId)!.known.every((o) => o === organisationId);
    default:
      return false;
  }
}

/** The workers a role names, whose places the grant rules need. */
export function workersNamedIn(role: AccessRole): string[] {
  if (role.kind === 'worker') return [role.workerId];
  if (role.kind === 'line-manager') return role.workerIds;
  return [];
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
