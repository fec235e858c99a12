import { describe, expect, it } from 'vitest';
import { canGrantRole, describeRole } from './grant-rules.js';
import type { Viewer } from './viewer.js';

const lead: Viewer = { userId: 'lead', roles: [{ kind: 'learning-lead', organisationId: 'org-care' }] };
const admin: Viewer = { userId: 'admin', roles: [{ kind: 'platform-admin' }] };
const manager: Viewer = { userId: 'm', roles: [{ kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-1'] }] };

describe('canGrantRole', () => {
  it('lets a learning lead grant line-manager roles in their own organisation only', () => {
    expect(canGrantRole(lead, 'org-care', { kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-1'] })).toBe(true);
    expect(canGrantRole(lead, 'org-care', { kind: 'line-manager', organisationId: 'org-other', workerIds: ['w-1'] })).toBe(false);
    expect(canGrantRole(lead, 'org-other', { kind: 'line-manager', organisationId: 'org-other', workerIds: ['w-1'] })).toBe(false);
  });

  it("lets a learning lead grant a worker role only for a worker of their organisation", () => {
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-1' }, ['org-care'])).toBe(true);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-2' }, ['org-other'])).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'worker', workerId: 'w-unknown' })).toBe(false);
  });

  it('never lets a learning lead grant learning-lead, evaluator or platform-admin roles', () => {
    expect(canGrantRole(lead, 'org-care', { kind: 'learning-lead', organisationId: 'org-care' })).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'evaluator', organisationId: 'org-care' })).toBe(false);
    expect(canGrantRole(lead, 'org-care', { kind: 'platform-admin' })).toBe(false);
  });

  it('lets a platform admin grant anything and a line manager nothing', () => {
    expect(canGrantRole(admin, 'org-care', { kind: 'platform-admin' })).toBe(true);
    expect(canGrantRole(manager, 'org-care', { kind: 'line-manager', organisationId: 'org-care', workerIds: ['w-2'] })).toBe(false);
  });
});

describe('describeRole', () => {
  it('words each role for messages', () => {
    expect(describeRole({ kind: 'evaluator' })).toBe('national evaluator');
    expect(describeRole({ kind: 'line-manager', organisationId: 'o', workerIds: [] })).toBe('line-manager in o');
  });
});
