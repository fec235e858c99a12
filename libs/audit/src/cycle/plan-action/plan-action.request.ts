import { calendarDate, requestBody, requiredText } from '#libs/platform';

/** The body of `POST …/audits/:auditId/actions`: an action of the review's plan. */
export const planActionRequest = requestBody({
  indicatorId: requiredText(200),
  description: requiredText(2000),
  owner: requiredText(200),
  due: calendarDate(),
});
