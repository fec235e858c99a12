import { z } from 'zod';
import { calendarDate, oneOf, requestBody, requiredText } from '#libs/platform';

/** Rows one request may hold: as many as a staff-list import. */
export const MOVES_MAX_ROWS = 500;

export const MOVE_ACTIONS = ['join', 'assign-role', 'leave'] as const;

const ROWS_RULE = 'must be a non-empty array of moves';

const move = requestBody(
  {
    workerId: requiredText(63),
    action: oneOf(MOVE_ACTIONS),
    date: calendarDate().meta({
      description: 'the day the worker joins, takes the role or leaves (a leave: not after today)',
    }),
    roleId: requiredText(63)
      .optional()
      .meta({ description: "assign-role only (and required there): one of this organisation's job roles" }),
  },
  { of: 'a move' },
).superRefine(roleIdForAssignRoleOnly);

/**
 * The body of `POST /api/organisations/:id/workers/moves`: 1-500 moves in order, all or nothing; every
 * refusal names its row (`rows[3].date`).
 */
export const recordMovesRequest = requestBody({
  rows: z
    .array(move, { error: ROWS_RULE })
    .min(1, { error: ROWS_RULE })
    .max(MOVES_MAX_ROWS, {
      error: `must hold at most ${MOVES_MAX_ROWS} moves (send more in several requests, in order)`,
    }),
});

/** A role is taken by assign-role, which needs one; the other moves take none. */
function roleIdForAssignRoleOnly(
  { action, roleId }: { action: (typeof MOVE_ACTIONS)[number]; roleId?: string },
  context: z.RefinementCtx,
): void {
  if (action === 'assign-role' && roleId === undefined)
    context.addIssue({ code: 'custom', path: ['roleId'], message: 'is required and must be a non-empty string' });
  if (action !== 'assign-role' && roleId !== undefined)
    context.addIssue({ code: 'custom', path: ['roleId'], message: `is only for assign-role (this move is ${action})` });
}
