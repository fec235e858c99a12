import { calendarDate, requestBody } from '#libs/platform';

/** The body of `POST …/audits/:auditId/complete`. */
export const completeAuditCycleRequest = requestBody({ completedOn: calendarDate() });
