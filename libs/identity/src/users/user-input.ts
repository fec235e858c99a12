import type { z } from 'zod';
import { invalidInput } from '#libs/platform';
import type { signInRequest } from '../sessions/sign-in/sign-in.request.js';
import type { newUserRequest } from './register-user/register-user.request.js';

/** A broken rule, named by the field's path in the request (e.g. `roles[1].organisationId`). */
export interface InputProblem {
  field: string;
  rule: string;
}

export type Parsed<T> = { ok: true; value: T } | { ok: false; problems: InputProblem[] };

export type NewUser = z.output<typeof newUserRequest>;
export type SignInInput = z.output<typeof signInRequest>;

export const MIN_PASSWORD_LENGTH = 12;
export const EMAIL_RULE = 'must be an email address like name@example.org';
/** Deliberately loose (one @, a dot in the domain, no spaces): strict RFC 5322 parsing rejects real addresses. */
const EMAIL = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The value, or the 400 every identity endpoint answers bad input with: each field and rule broken. */
export function unwrap<T>(parsed: Parsed<T>): T {
  if (!parsed.ok) throw invalidInput(parsed.problems);
  return parsed.value;
}

/** Stored and compared in this form; the unique index is on lower(email) as well, as a backstop. */
export function normaliseEmail(email: string): string {
  return email.trim().toLowerCase();
}

/** Whether `email`, normalised, reads as an email address. */
export function emailAddress(email: string): boolean {
  return EMAIL.test(normaliseEmail(email));
}
