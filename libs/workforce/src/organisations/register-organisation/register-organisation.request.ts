import { requestBody } from '#libs/platform';
import { slug } from '../../domain/request-fields.js';
import { organisationDetailsFields } from '../organisation-details.js';

/** The body of `POST /api/organisations`. */
export const registerOrganisationRequest = requestBody({
  id: slug().optional().meta({ description: 'optional slug; match the organisation id of its LRS clients' }),
  ...organisationDetailsFields,
});
