import { requestBody } from '#libs/platform';
import { agentIdentifier } from '../../domain/request-fields.js';

/** The body of `POST /api/workers/:id/identifiers`. */
export const addIdentifierRequest = requestBody({ identifier: agentIdentifier() });
