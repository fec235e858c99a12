import { requestBody, requiredText } from '#libs/platform';

/** The body of `POST /api/organisations/:id/workers-from-statements/:workerId/merge`. */
export const mergeWorkerFromStatementRequest = requestBody({
  intoWorkerId: requiredText(200).meta({ description: 'the existing worker of the organisation' }),
});
