import { requestBody } from '#libs/platform';
import { slug } from '../../domain/request-fields.js';
import { organisationDetailsFields } from '../organisation-details.js';

/**
 * The body of `PUT /api/organisations/:id`: the profile as registered; an `id` sent with it (what GET
 * answers) is ignored, the path names the organisation.
 */
export const changeOrganisationDetailsRequest = requestBody({
  id: slug().optional().meta({ description: 'ignored: the path names the organisation' }),
  ...organisationDetailsFields,
});
