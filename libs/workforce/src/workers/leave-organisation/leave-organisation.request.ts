import { optionalDate, requestBody, requiredText } from '#libs/platform';

/** The body of `POST /api/workers/:id/memberships/end`. */
export const leaveOrganisationRequest = requestBody({
  organisationId: requiredText(63),
  to: optionalDate().meta({ description: 'default: today; not after today (a leave is recorded on or after its day)' }),
});
