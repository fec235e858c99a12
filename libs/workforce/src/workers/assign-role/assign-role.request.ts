import { optionalDate, requestBody, requiredText } from '#libs/platform';

/** The body of `POST /api/workers/:id/roles`. */
export const assignRoleRequest = requestBody({
  roleId: requiredText(63),
  from: optionalDate().meta({ description: 'default: today' }),
});
