import { z } from 'zod';
import { requestBody, requiredText } from '#libs/platform';

const evidence = z
  .object(
    { organisationId: requiredText(63), statementId: requiredText(64).overwrite((id) => id.toLowerCase()) },
    { error: 'must be a JSON object' },
  )
  .optional()
  .meta({
    description:
      'one piece of evidence (the organisation whose LRS stored it and the statement id); absent: the whole record',
  });

/** The body of sharing (and of withdrawing a share): `{ organisationId, evidence?: { organisationId, statementId } }`. */
export const shareRecordRequest = requestBody({
  organisationId: requiredText(63).meta({
    description: 'the organisation to share with: one the worker is a current member of',
  }),
  evidence,
});
