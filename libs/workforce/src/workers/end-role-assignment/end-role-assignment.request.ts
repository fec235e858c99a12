import { optionalDate, requestBody } from '#libs/platform';

/** The body of `POST /api/workers/:id/roles/:roleId/end`; no body at all ends the role today. */
export const endRoleAssignmentRequest = requestBody({
  to: optionalDate().meta({ description: 'default: today' }),
});
