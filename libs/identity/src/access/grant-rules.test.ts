import { describe, expect, it } from 'vitest';
import { canGrantRole, describeRole } from './grant-rules.js';
import type { Viewer } from './viewer.js';

const lead: Viewer = { userId: 'lead', roles: [{ kind: 'learning-lead', organisationId: 'org-care' }] };
const admin: Viewer = { userId: 'admin', roles: [{ kind: 'platform-admin' }] };
const manager: Viewer = {
  userId: 'm',
  roles: [{ kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-1'] }],
};

describe('canGrantRole', () => {
  it('lets a learning lead grant line-manager roles in their own organisation only', () => {
    expect(
      canGrantRole(
        lead,
        'org-care',
        { kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-1'] },
        new Map([['w-1', { current: ['org-care'], known: ['org-care'] }]]),
      ),
    ).toBe(true);
    expect(
      canGrantRole(lead, 'org-care', { kind: 'line-manager', organisationId: 'org-other', workerIds: ['w-1'] }),
    ).toBe(false);
    expect(
      canGrantRole(lead, 'org-other', { kind: 'line-manager', organisationId: 'org-other', workerIds: ['w-1'] }),
    ).toBe(false);
  });

  const places = new Map([
    ['w-1', { current: ['org-care'], known: ['org-care'] }],
    ['w-2', { current: ['org-other'], known: ['org-other'] }],
    ['w-shared', { current: ['org-care', 'org-other'], known: ['org-care', 'org-other'] }],
    ['w-moved-in', { current: ['org-care'], known: ['org-other', 'org-care'] }],
  ]);

  it('lets a learning lead grant a worker role only for a worker of their organisation known to no other', () => {
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-1' }, places)).toBe(true);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-2' }, places)).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-unknown' }, places)).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-shared' }, places)).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-moved-in' }, places)).toBe(false);
  });

  it("lets a learning lead name in a line manager's team only workers of their organisation", () => {
    const team = (workerIds: string[]) => ({ kind: 'line-manager' as const, organisationId: 'org-care', workerIds });
    expect(canGrantRole(lead, 'org-care', team(['w-1', 'w-shared']), places)).toBe(true);
    expect(canGrantRole(lead, 'org-care', team(['w-1', 'w-2']), places)).toBe(false);
    expect(canGrantRole(lead, 'org-care', team(['w-unknown']), places)).toBe(false);
  });

  it('never lets a learning lead grant learning-lead, evaluator or platform-admin roles', () => {
    expect(canGrantRole(lead, 'org-care', { kind: 'learning-lead', organisationId: 'org-care' })).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'evaluator', organisationId: 'org-care' })).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'platform-admin' })).toBe(false);
  });

  it('lets a platform admin grant anything and a line manager nothing', () => {
    expect(canGrantRole(admin, 'org-care', { kind: 'platform-admin' })).toBe(true);
    expect(
      canGrantRole(manager, 'org-care', { kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-2'] }),
    ).toBe(false);
  });
});

describe('describeRole', () => {
  it('words each role for messages', () => {
    expect(describeRole({ kind: 'evaluator' })).toBe('national evaluator');
    expect(describeRole({ kind: 'line-manager', organisationId: 'o', workerIds: [] })).toBe('line-manager in o');
  });
});
