import { z } from 'zod';
import { requestBody } from '#libs/platform';
import { ACCESS_ROLE_KINDS, type AccessRole } from '../access/viewer.js';

const MAX_ID_LENGTH = 200;
const MAX_TEAM_SIZE = 1000;
const ID_RULE = 'is required (a non-empty string)';
const WORKER_IDS_RULE = 'must be a non-empty array of worker ids';

/** An id a role names (a worker, an organisation), kept as sent. */
const id = () =>
  z
    .string({ error: ID_RULE })
    .min(1, { error: ID_RULE, abort: true })
    .refine((value) => value.trim() !== '', { error: ID_RULE, abort: true })
    .max(MAX_ID_LENGTH, { error: `must be at most ${MAX_ID_LENGTH} characters` });

const workerIds = z
  .array(id(), { error: WORKER_IDS_RULE })
  .min(1, { error: WORKER_IDS_RULE })
  .max(MAX_TEAM_SIZE, { error: `must hold at most ${MAX_TEAM_SIZE} worker ids` })
  .transform((ids) => [...new Set(ids)]);

/** One grant, told apart by `kind`; a property its kind does not take is ignored. */
export const accessRoleRequest = z
  .discriminatedUnion(
    'kind',
    [
      z.object({ kind: z.literal('worker'), workerId: id() }),
      z.object({ kind: z.literal('line-manager'), organisationId: id(), workerIds }),
      z.object({ kind: z.literal('learning-lead'), organisationId: id() }),
      z.object({ kind: z.literal('evaluator'), organisationId: id().nullish() }),
      z.object({ kind: z.literal('platform-admin') }),
    ],
    {
      error: (issue) =>
        issue.code === 'invalid_union'
          ? `must be one of ${ACCESS_ROLE_KINDS.join(', ')}`
          : 'must be an object with a "kind"',
    },
  )
  .transform(nationalEvaluatorWithoutOrganisation)
  .meta({
    description:
      'worker {workerId}; line-manager {organisationId, workerIds}; learning-lead {organisationId}; ' +
      'evaluator {organisationId?} (absent = national); platform-admin {}',
  });

function nationalEvaluatorWithoutOrganisation(role: { kind: AccessRole['kind']; organisationId?: string | null }) {
  return (role.kind === 'evaluator' && role.organisationId == null ? { kind: 'evaluator' } : role) as AccessRole;
}

export const accessRoles = (rule: { allowEmpty: boolean }) => {
  const roles = z.array(accessRoleRequest, { error: 'must be an array of roles' });
  return rule.allowEmpty ? roles : roles.min(1, { error: 'must hold at least one role' });
};

/** The body of a grant or a revocation: at least one role. */
export const roleChangeRequest = requestBody({ roles: accessRoles({ allowEmpty: false }) });
