import { z } from 'zod';
import { requestBody, requiredText } from '#libs/platform';
import { MAX_PASSWORD_LENGTH } from '../../passwords/password-hash.js';
import { accessRoles } from '../access-role.request.js';
import { EMAIL_RULE, emailAddress, MIN_PASSWORD_LENGTH, normaliseEmail } from '../user-input.js';

const MAX_EMAIL_LENGTH = 254;
const MAX_NAME_LENGTH = 200;

/** The body of `POST /api/admin/users` and `POST /api/organisations/:id/users`. */
export const newUserRequest = requestBody({
  email: z
    .string({ error: 'is required (a string)' })
    .max(MAX_EMAIL_LENGTH, { error: `must be at most ${MAX_EMAIL_LENGTH} characters` })
    .refine(emailAddress, { error: EMAIL_RULE })
    .overwrite(normaliseEmail)
    .meta({ description: 'an email address like name@example.org; unique, case-insensitively' }),
  displayName: requiredText(MAX_NAME_LENGTH, 'is required (a non-empty string)'),
  // Length, not composition rules: NIST SP 800-63B finds composition rules weaken real passwords.
  password: z
    .string({ error: 'is required (a string)' })
    .refine((value) => [...value].length >= MIN_PASSWORD_LENGTH, {
      error: `must be at least ${MIN_PASSWORD_LENGTH} characters`,
      abort: true,
    })
    .max(MAX_PASSWORD_LENGTH, { error: `must be at most ${MAX_PASSWORD_LENGTH} characters` })
    .meta({ minLength: MIN_PASSWORD_LENGTH, description: 'counted in characters (code points)' }),
  roles: accessRoles({ allowEmpty: true }).default([]),
});
