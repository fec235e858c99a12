import { z } from 'zod';
import { requestBody } from '#libs/platform';
import { MAX_PASSWORD_LENGTH } from '../../passwords/password-hash.js';
import { normaliseEmail } from '../../users/user-input.js';

const REQUIRED = 'is required (a string)';

/**
 * The body of `POST /api/auth/sign-in`, checked only for shape, never against the password rules: a rule
 * change must not lock out users whose password predates it, and the answer must not hint at which rule
 * applies.
 */
export const signInRequest = requestBody({
  email: z
    .string({ error: REQUIRED })
    .refine((value) => value.trim() !== '', { error: REQUIRED })
    .overwrite(normaliseEmail),
  password: z
    .string({ error: REQUIRED })
    .min(1, { error: REQUIRED, abort: true })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` }),
});
