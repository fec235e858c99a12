import { z } from 'zod';
import { checkSameShape } from '#libs/platform';
import type { AccessRole } from '../access/viewer.js';

// What the user routes answer (issue 14 §8): UserView is this schema's type, and the OpenAPI
// document's response schemas are generated from it.

export const accessRoleResponse = z
  .discriminatedUnion('kind', [
    z.object({ kind: z.literal('worker'), workerId: z.string() }),
    z.object({ kind: z.literal('line-manager'), organisationId: z.string(), workerIds: z.array(z.string()) }),
    z.object({ kind: z.literal('learning-lead'), organisationId: z.string() }),
    z.object({
      kind: z.literal('evaluator'),
      organisationId: z.string().optional().describe('Absent: a national evaluator'),
    }),
    z.object({ kind: z.literal('platform-admin') }),
  ])
  .describe('A role; line-manager holds its team');

// The access rules' own type of a role is served as it is.
checkSameShape<AccessRole, z.output<typeof accessRoleResponse>>(true);

export const userResponse = z.object({
  id: z.guid(),
  email: z.string(),
  displayName: z.string(),
  roles: z.array(accessRoleResponse),
  disabled: z.boolean(),
  createdAt: z.iso.datetime(),
});

/** One page of users, oldest first. */
export const usersPageResponse = z.object({
  users: z.array(userResponse),
  next: z.string().nullable().describe('Pass as ?after= for the next page; null on the last'),
});
