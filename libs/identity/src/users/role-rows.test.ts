import { describe, expect, it } from 'vitest';
import type { AccessRole } from '../access/viewer.js';
import { roleToRows, rowsToRoles } from './role-rows.js';

describe('role rows', () => {
  it('round-trips every role kind, a line manager as one row per managed worker', () => {
    const roles: AccessRole[] = [
      { kind: 'worker', workerId: 'w-1' },
      { kind: 'learning-lead', organisationId: 'org-1' },
      { kind: 'evaluator' },
      { kind: 'evaluator', organisationId: 'org-1' },
      { kind: 'platform-admin' },
      { kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-1', 'w-2'] },
    ];
    const rows = roles.flatMap(roleToRows);
    expect(rows.filter((r) => r.kind === 'line-manager')).toHaveLength(2);
    expect(rowsToRoles(rows)).toEqual(roles);
  });

  it("gathers a manager's rows into one role per organisation", () => {
    const rows = [
      ...roleToRows({ kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-1'] }),
      ...roleToRows({ kind: 'line-manager', organisationId: 'org-2', workerIds: ['w-9'] }),
      ...roleToRows({ kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-2'] }),
    ];
    expect(rowsToRoles(rows)).toEqual([
      { kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-1', 'w-2'] },
      { kind: 'line-manager', organisationId: 'org-2', workerIds: ['w-9'] },
    ]);
  });
});
