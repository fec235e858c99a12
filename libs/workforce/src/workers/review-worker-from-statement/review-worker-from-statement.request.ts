import { optionalText, requestBody } from '#libs/platform';

/** The body of confirming or rejecting a worker registered from statements; no body at all is no note. */
export const reviewWorkerFromStatementRequest = requestBody({
  note: optionalText(500).meta({ description: 'why, for the audit trail (optional)' }),
});
