import { optionalDate, requestBody, requiredText } from '#libs/platform';

/** The body of `POST /api/workers/:id/memberships`. */
export const joinOrganisationRequest = requestBody({
  organisationId: requiredText(63),
  from: optionalDate().meta({ description: 'default: today' }),
});
