import { describe, expect, it } from 'vitest';
import { JOB_ROLE_EVENTS as EV } from './job-role.events.js';
import { decideChangeRoleRequirements } from './change-role-requirements/change-role-requirements.decider.js';
import { parseChangeRoleRequirements } from './change-role-requirements/change-role-requirements.command.js';
import { decideDefineRole } from './define-role/define-role.decider.js';
import { parseDefineRole } from './define-role/define-role.command.js';
import { evolveJobRole, initialJobRole } from './job-role.js';

const manager = parseDefineRole({
  id: 'nursery-manager',
  organisationId: 'little-acorns',
  name: 'Manager',
  requirements: [
    { capabilityId: 'pc.motivating-and-leading-others', stage: 'accomplished' },
    { capabilityId: 'pc.self-confidence', stage: 'accomplished' },
  ],
  qualifications: ['BA Childhood Practice'],
});

describe('job roles', () => {
  it('defines a role with the stages it requires on the personal capabilities that matter', () => {
    const events = decideDefineRole(manager, initialJobRole(), true);
    expect(events).toEqual([{ type: EV.jobRoleDefined, data: { ...manager, training: [] } }]);
    expect(() => decideDefineRole(manager, events.reduce(evolveJobRole, initialJobRole()), true)).toThrow(
      /id: job role "nursery-manager" is already defined/,
    );
    expect(() => decideDefineRole(manager, initialJobRole(), false)).toThrow(/organisationId: no organisation/);
  });

  it('names the requirement at fault', () => {
    const base = { organisationId: 'o', name: 'R' };
    expect(() => parseDefineRole({ ...base, requirements: [{ capabilityId: 'pc.nope', stage: 'engaged' }] })).toThrow(
      /requirements\[0\]\.capabilityId: must be the id of one of the 17 personal capabilities/,
    );
    expect(() =>
      parseDefineRole({
        ...base,
        requirements: [{ capabilityId: 'oc.1-learning-and-performance-culture', stage: 'engaged' }],
      }),
    ).toThrow(/requirements\[0\]\.capabilityId/);
    expect(() =>
      parseDefineRole({ ...base, requirements: [{ capabilityId: 'pc.flexibility', stage: 'expert' }] }),
    ).toThrow(/requirements\[0\]\.stage: must be one of engaged, established/);
    expect(() =>
      parseDefineRole({
        ...base,
        requirements: [
          { capabilityId: 'pc.flexibility', stage: 'engaged' },
          { capabilityId: 'pc.flexibility', stage: 'established' },
        ],
      }),
    ).toThrow(/requirements\[1\]\.capabilityId: pc.flexibility is required twice/);
    expect(() => parseDefineRole({ organisationId: 'o' })).toThrow(/name: is required/);
  });

  it('records a change of requirements only when something changed', () => {
    const state = decideDefineRole(manager, initialJobRole(), true).reduce(evolveJobRole, initialJobRole());
    // A PUT body names the role by its path: the parsed role's roleId is no property of it.
    const { roleId: _roleId, ...body } = manager;
    const same = parseChangeRoleRequirements('nursery-manager', body);
    expect(decideChangeRoleRequirements(same, state)).toEqual([]);
    const raised = parseChangeRoleRequirements('nursery-manager', { ...body, training: ['Child protection'] });
    expect(decideChangeRoleRequirements(raised, state).map((e) => e.type)).toEqual([EV.jobRoleRequirementsChanged]);
    expect(() => decideChangeRoleRequirements(raised, initialJobRole())).toThrow(/roleId: no job role/);
  });
});
