import type { AccessRole } from '../access/viewer.js';

/** A grant as stored in `identity_user_roles`; '' stands for "not applicable" so it can be in the key. */
export interface RoleRow {
  kind: AccessRole['kind'];
  organisation_id: string;
  worker_id: string;
}

/** One AccessRole becomes one row, except a line manager: one row per managed worker. */
export function roleToRows(role: AccessRole): RoleRow[] {
  switch (role.kind) {
    case 'worker':
      return [{ kind: 'worker', organisation_id: '', worker_id: role.workerId }];
    case 'line-manager':
      return role.workerIds.map((workerId) => ({
        kind: 'line-manager',
        organisation_id: role.organisationId,
        worker_id: workerId,
      }));
    case 'learning-lead':
      return [{ kind: 'learning-lead', organisation_id: role.organisationId, worker_id: '' }];
    case 'evaluator':
      return [{ kind: 'evaluator', organisation_id: role.organisationId ?? '', worker_id: '' }];
    case 'platform-admin':
      return [{ kind: 'platform-admin', organisation_id: '', worker_id: '' }];
  }
}

/** Rows back to roles, gathering a manager's rows of one organisation into one role with its team. */
export function rowsToRoles(rows: readonly RoleRow[]): AccessRole[] {
  const roles: AccessRole[] = [];
  const teams = new Map<string, string[]>();
  for (const row of rows) {
    if (row.kind === 'line-manager') {
      const team = teams.get(row.organisation_id) ?? [];
      team.push(row.worker_id);
      teams.set(row.organisation_id, team);
    } else {
      roles.push(singleRowRole(row));
    }
  }
  for (const [organisationId, workerIds] of teams) roles.push({ kind: 'line-manager', organisationId, workerIds });
  return roles;
}

function singleRowRole(row: RoleRow): AccessRole {
  switch (row.kind) {
    case 'worker':
      return { kind: 'worker', workerId: row.worker_id };
    case 'learning-lead':
      return { kind: 'learning-lead', organisationId: row.organisation_id };
    case 'evaluator':
      return row.organisation_id ? { kind: 'evaluator', organisationId: row.organisation_id } : { kind: 'evaluator' };
    case 'platform-admin':
      return { kind: 'platform-admin' };
    case 'line-manager':
      return { kind: 'line-manager', organisationId: row.organisation_id, workerIds: [row.worker_id] };
  }
}
