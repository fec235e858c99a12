import { requestBody, requiredText } from '#libs/platform';
import { slug } from '../../domain/request-fields.js';
import { jobRoleDetailsFields } from '../job-role-details.js';

/** The body of `POST /api/roles`. */
export const defineRoleRequest = requestBody({
  id: slug().optional().meta({ description: 'optional slug; generated when absent' }),
  organisationId: requiredText(63),
  ...jobRoleDetailsFields,
});
