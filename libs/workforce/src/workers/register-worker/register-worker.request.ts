import { optionalDate, optionalText, requestBody } from '#libs/platform';
import { agentIdentifiers, slug } from '../../domain/request-fields.js';

/** A worker's registration as both the single route and a staff-list row take it. */
export const registrationFields = {
  name: optionalText(200),
  identifiers: agentIdentifiers(),
  registrationNumber: optionalText(40),
  joinedOn: optionalDate().meta({ description: 'default: today' }),
};

/** The body of `POST /api/workers`. */
export const registerWorkerRequest = requestBody({
  ...registrationFields,
  organisationId: slug().optional().meta({ description: 'the employer the worker joins on registration' }),
});
