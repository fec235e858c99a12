import { invalidInput } from '#libs/platform';
import { MAX_PASSWORD_LENGTH } from '../passwords/password-hash.js';
import { ACCESS_ROLE_KINDS, type AccessRole } from '../access/viewer.js';

/** A broken rule, named by the field's path in the request body (e.g. `roles[1].organisationId`). */
export interface InputProblem {
  field: string;
  rule: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

export interface NewUser {
  email: string;
  displayName: string;
  password: string;
  roles: AccessRole[];
}

export interface SignInInput {
  email: string;
  password: string;
}

export const MIN_PASSWORD_LENGTH = 12;
const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;
const MAX_ID_LENGTH = 200;
const MAX_TEAM_SIZE = 1000;
/** Deliberately loose (one @, a dot in the domain, no spaces): strict RFC 5322 parsing rejects real addresses. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The value, or the 400 every identity endpoint answers bad input with: each field and rule broken. */
export function unwrap<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw invalidInput(parsed.problems);
  return parsed.value;
}

export function parseNewUser(body: unknown): Parsed<NewUser> {
  if (!isObject(body)) return failed('body', 'must be a JSON object');
  const problems: InputProblem[] = [];
  const email = checkEmail(body.email, problems);
  const displayName = checkDisplayName(body.displayName, problems);
  const password = checkNewPassword(body.password, problems);
  const roles = body.roles === undefined ? [] : checkRoles(body.roles, 'roles', problems, { allowEmpty: true });
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { email: email!, displayName: displayName!, password: password!, roles: roles! } };
}

/** Body of a grant or revocation: `{ roles: AccessRole[] }`, at least one. */
export function parseRoleChange(body: unknown): Parsed<AccessRole[]> {
  if (!isObject(body)) return failed('body', 'must be a JSON object');
  const problems: InputProblem[] = [];
  const roles = checkRoles(body.roles, 'roles', problems, { allowEmpty: false });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value: roles! };
}

/**
 * Sign-in input is checked only for shape, never against the password rules: a rule change must not
 * lock out users whose password predates it, and the answer must not hint at which rule applies.
 */
export function parseSignIn(body: unknown): Parsed<SignInInput> {
  if (!isObject(body)) return failed('body', 'must be a JSON object');
  const problems: InputProblem[] = [];
  if (typeof body.email !== 'string' || body.email.trim() === '')
    problems.push({ field: 'email', rule: 'is required (a string)' });
  if (typeof body.password !== 'string' || body.password === '')
    problems.push({ field: 'password', rule: 'is required (a string)' });
  else if (body.password.length > MAX_PASSWORD_LENGTH) {
    problems.push({ field: 'password', rule: `must be at most ${MAX_PASSWORD_LENGTH} characters` });
  }
  if (problems.length > 0) return { ok: false, problems };
  return { ok: true, value: { email: normaliseEmail(body.email as string), password: body.password as string } };
}

/** Stored and compared in this form; the unique index is on lower(email) as well, as a backstop. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

function checkEmail(value: unknown, problems: InputProblem[]): string | undefined {
  if (typeof value !== 'string') return problem(problems, 'email', 'is required (a string)');
  const email = normaliseEmail(value);
  if (email.length > MAX_EMAIL_LENGTH)
    return problem(problems, 'email', `must be at most ${MAX_EMAIL_LENGTH} characters`);
  if (!EMAIL.test(email)) return problem(problems, 'email', 'must be an email address like name@example.org');
  return email;
}

function checkDisplayName(value: unknown, problems: InputProblem[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '')
    return problem(problems, 'displayName', 'is required (a non-empty string)');
  const name = value.trim();
  if (name.length > MAX_NAME_LENGTH)
    return problem(problems, 'displayName', `must be at most ${MAX_NAME_LENGTH} characters`);
  return name;
}

function checkNewPassword(value: unknown, problems: InputProblem[]): string | undefined {
  if (typeof value !== 'string') return problem(problems, 'password', 'is required (a string)');
  // Length, not composition rules: NIST SP 800-63B finds composition rules weaken real passwords.
  if ([...value].length < MIN_PASSWORD_LENGTH) {
    return problem(problems, 'password', `must be at least ${MIN_PASSWORD_LENGTH} characters`);
  }
  if (value.length > MAX_PASSWORD_LENGTH)
    return problem(problems, 'password', `must be at most ${MAX_PASSWORD_LENGTH} characters`);
  return value;
}

function checkRoles(
  value: unknown,
  field: string,
  problems: InputProblem[],
  options: { allowEmpty: boolean },
): AccessRole[] | undefined {
  if (!Array.isArray(value)) return problem(problems, field, 'must be an array of roles');
  if (!options.allowEmpty && value.length === 0) return problem(problems, field, 'must hold at least one role');
  const before = problems.length;
  const roles = value.map((role, index) => checkRole(role, `${field}[${index}]`, problems));
  return problems.length === before ? (roles as AccessRole[]) : undefined;
}

function checkRole(value: unknown, field: string, problems: InputProblem[]): AccessRole | undefined {
  if (!isObject(value)) return problem(problems, field, 'must be an object with a "kind"');
  switch (value.kind) {
    case 'worker': {
      const workerId = checkId(value.workerId, `${field}.workerId`, problems);
      return workerId === undefined ? undefined : { kind: 'worker', workerId };
    }
    case 'line-manager': {
      const organisationId = checkId(value.organisationId, `${field}.organisationId`, problems);
      const workerIds = checkWorkerIds(value.workerIds, `${field}.workerIds`, problems);
      return organisationId === undefined || workerIds === undefined
        ? undefined
        : { kind: 'line-manager', organisationId, workerIds };
    }
    case 'learning-lead': {
      const organisationId = checkId(value.organisationId, `${field}.organisationId`, problems);
      return organisationId === undefined ? undefined : { kind: 'learning-lead', organisationId };
    }
    case 'evaluator': {
      if (value.organisationId === undefined || value.organisationId === null) return { kind: 'evaluator' };
      const organisationId = checkId(value.organisationId, `${field}.organisationId`, problems);
      return organisationId === undefined ? undefined : { kind: 'evaluator', organisationId };
    }
    case 'platform-admin':
      return { kind: 'platform-admin' };
    default:
      return problem(problems, `${field}.kind`, `must be one of ${ACCESS_ROLE_KINDS.join(', ')}`);
  }
}

function checkWorkerIds(value: unknown, field: string, problems: InputProblem[]): string[] | undefined {
  if (!Array.isArray(value) || value.length === 0)
    return problem(problems, field, 'must be a non-empty array of worker ids');
  if (value.length > MAX_TEAM_SIZE) return problem(problems, field, `must hold at most ${MAX_TEAM_SIZE} worker ids`);
  const before = problems.length;
  const ids = value.map((id, index) => checkId(id, `${field}[${index}]`, problems));
  return problems.length === before ? [...new Set(ids as string[])] : undefined;
}

function checkId(value: unknown, field: string, problems: InputProblem[]): string | undefined {
  if (typeof value !== 'string' || value.trim() === '')
    return problem(problems, field, 'is required (a non-empty string)');
  if (value.length > MAX_ID_LENGTH) return problem(problems, field, `must be at most ${MAX_ID_LENGTH} characters`);
  return value;
}

function problem(problems: InputProblem[], field: string, rule: string): undefined {
  problems.push({ field, rule });
  return undefined;
}

function failed<T>(field: string, rule: string): Parsed<T> {
  return { ok: false, problems: [{ field, rule }] };
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
