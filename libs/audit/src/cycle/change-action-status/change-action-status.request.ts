import { z } from 'zod';
import { isCalendarDate, oneOf, requestBody } from '#libs/platform';
import { ACTION_STATUSES } from '../audit-cycle.events.js';

const DATE_RULE = 'must be a calendar date YYYY-MM-DD';

/** The body of `PUT …/audits/:auditId/actions/:actionId`; `changedOn` absent or empty is today. */
export const changeActionStatusRequest = requestBody({
  status: oneOf(ACTION_STATUSES),
  changedOn: z
    .string({ error: DATE_RULE })
    .refine((value) => value === '' || isCalendarDate(value), { error: DATE_RULE })
    .optional()
    .meta({ description: 'YYYY-MM-DD, default today', example: '2026-03-31' }),
});
