import { calendarDate, oneOf, requestBody } from '#libs/platform';
import { ADOPTION_STATUSES } from '../adoption.events.js';

/** The body of `POST /api/organisations/:id/adoption`. */
export const recordAdoptionRequest = requestBody({ status: oneOf(ADOPTION_STATUSES), date: calendarDate() });
