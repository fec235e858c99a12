/**
 * /api operations whose success answers the OpenAPI document does not describe yet (issue 14 §8). The
 * coverage test (documented-responses.http.test.ts) refuses any other, and any listed here once it is
 * documented: the list only shrinks.
 */
export const RESPONSES_NOT_YET_DOCUMENTED: readonly string[] = [
  'POST /api/admin/generate',
  'GET /api/admin/jobs',
  'GET /api/admin/jobs/{id}',
  'GET /api/admin/projections',
  'POST /api/admin/projections/{name}/rebuild',
  'GET /api/organisations/{id}/clf-rejections',
  'GET /api/organisations/{id}/workers-from-statements',
  'POST /api/organisations/{id}/workers-from-statements/{workerId}/confirm',
  'POST /api/organisations/{id}/workers-from-statements/{workerId}/merge',
  'POST /api/organisations/{id}/workers-from-statements/{workerId}/reject',
  'GET /api/workers/{id}/pending-evidence',
  'POST /api/workers/{id}/pending-evidence/{organisationId}/{statementId}/accept',
  'GET /api/workers/{id}/shares',
];
