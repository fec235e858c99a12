import { parseBody, problemsIn, ProblemException } from '#libs/platform';
import { describe, expect, it } from 'vitest';
import type { z } from 'zod';
import { signInRequest } from '../sessions/sign-in/sign-in.request.js';
import { roleChangeRequest } from './access-role.request.js';
import { newUserRequest } from './register-user/register-user.request.js';

/** What a request definition makes of a body: its value, or every problem. */
function parsed<T extends z.ZodType>(type: T, body: unknown) {
  const result = type.safeParse(body);
  return result.success
    ? ({ ok: true, value: result.data } as const)
    : ({ ok: false, problems: problemsIn(result.error) } as const);
}
const parseNewUser = (body: unknown) => parsed(newUserRequest, body);
const parseRoleChange = (body: unknown) => {
  const result = parsed(roleChangeRequest, body);
  return result.ok ? { ok: true, value: result.value.roles } : result;
};
const parseSignIn = (body: unknown) => parsed(signInRequest, body);

const valid = { email: ' Mary.Smith@Example.org ', displayName: ' Mary Smith ', password: 'twelve chars!' };

describe('parseNewUser', () => {
  it('accepts a valid user, normalising the email and trimming the name', () => {
    expect(parseNewUser(valid)).toEqual({
      ok: true,
      value: { email: 'mary.smith@example.org', displayName: 'Mary Smith', password: 'twelve chars!', roles: [] },
    });
  });

  it('names the field and rule of every problem at once', () => {
    const parsed = parseNewUser({ email: 'not-an-email', displayName: '', password: 'short' });
    expect(parsed).toEqual({
      ok: false,
      problems: [
        { field: 'email', rule: 'must be an email address like name@example.org' },
        { field: 'displayName', rule: 'is required (a non-empty string)' },
        { field: 'password', rule: 'must be at least 12 characters' },
      ],
    });
  });

  it('counts password length in characters, not UTF-16 units', () => {
    expect(parseNewUser({ ...valid, password: '😀'.repeat(11) }).ok).toBe(false);
    expect(parseNewUser({ ...valid, password: '😀'.repeat(12) }).ok).toBe(true);
  });

  it('accepts every role kind', () => {
    const roles = [
      { kind: 'worker', workerId: 'w-1' },
      { kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-1', 'w-2', 'w-1'] },
      { kind: 'learning-lead', organisationId: 'org-1' },
      { kind: 'evaluator' },
      { kind: 'evaluator', organisationId: 'org-1' },
      { kind: 'platform-admin' },
    ];
    const parsed = parseNewUser({ ...valid, roles });
    expect(parsed.ok && parsed.value.roles).toEqual([
      { kind: 'worker', workerId: 'w-1' },
      { kind: 'line-manager', organisationId: 'org-1', workerIds: ['w-1', 'w-2'] },
      { kind: 'learning-lead', organisationId: 'org-1' },
      { kind: 'evaluator' },
      { kind: 'evaluator', organisationId: 'org-1' },
      { kind: 'platform-admin' },
    ]);
  });

  it('names the path of a bad role property', () => {
    const parsed = parseNewUser({
      ...valid,
      roles: [{ kind: 'worker' }, { kind: 'boss' }, { kind: 'line-manager', organisationId: 'org-1', workerIds: [] }],
    });
    expect(parsed.ok ? [] : parsed.problems.map((p) => p.field)).toEqual([
      'roles[0].workerId',
      'roles[1].kind',
      'roles[2].workerIds',
    ]);
    expect(parsed.ok ? '' : parsed.problems[1].rule).toBe(
      'must be one of worker, line-manager, learning-lead, evaluator, platform-admin',
    );
  });

  it('rejects a body that is not an object', () => {
    expect(parseNewUser([])).toEqual({ ok: false, problems: [{ field: 'body', rule: 'must be a JSON object' }] });
  });
});

describe('parseRoleChange', () => {
  it('requires at least one role', () => {
    expect(parseRoleChange({ roles: [] })).toEqual({
      ok: false,
      problems: [{ field: 'roles', rule: 'must hold at least one role' }],
    });
    expect(parseRoleChange({})).toEqual({
      ok: false,
      problems: [{ field: 'roles', rule: 'must be an array of roles' }],
    });
  });
});

describe('parseSignIn', () => {
  it('checks only the shape, not the password rules', () => {
    expect(parseSignIn({ email: 'A@B.org', password: 'short' })).toEqual({
      ok: true,
      value: { email: 'a@b.org', password: 'short' },
    });
    expect(parseSignIn({ email: '', password: 1 }).ok).toBe(false);
  });
});

describe('parseBody', () => {
  it('turns problems into a 400 whose message names each field and rule', () => {
    try {
      parseBody(newUserRequest, { ...valid, password: 'short' });
      expect.unreachable();
    } catch (error) {
      expect(error).toBeInstanceOf(ProblemException);
      expect((error as ProblemException).getStatus()).toBe(400);
      expect((error as ProblemException).getResponse()).toEqual({
        detail: 'password: must be at least 12 characters',
        field: 'password',
        errors: [{ field: 'password', rule: 'must be at least 12 characters' }],
      });
    }
  });
});
