import { z } from 'zod';
import { optionalText, requestBody } from '#libs/platform';
import { registrationFields } from '../register-worker/register-worker.request.js';

/** Rows one import may hold: a large employer's whole staff list, in one transaction a request can afford. */
export const STAFF_IMPORT_MAX_ROWS = 500;

const ROWS_RULE = 'must be a non-empty array of staff rows';

const staffRow = requestBody(
  {
    ...registrationFields,
    roleId: optionalText(63).meta({ description: "one of this organisation's job roles, held from joinedOn" }),
  },
  { of: 'a staff row' },
);

/**
 * The body of `POST /api/organisations/:id/workers/import`; every refusal names its row
 * (`workers[3].joinedOn`). An identifier given in two rows is refused: both rows would claim it in the
 * one transaction.
 */
export const importStaffRequest = requestBody({
  workers: z
    .array(staffRow, { error: ROWS_RULE })
    .min(1, { error: ROWS_RULE })
    .max(STAFF_IMPORT_MAX_ROWS, {
      error: `must hold at most ${STAFF_IMPORT_MAX_ROWS} rows (send a longer list in parts)`,
    })
    .superRefine(eachIdentifierOnce),
});

function eachIdentifierOnce(rows: readonly { identifiers: readonly { ifi: string }[] }[], context: z.RefinementCtx) {
  const rowOf = new Map<string, number>();
  rows.forEach(({ identifiers }, i) =>
    identifiers.forEach(({ ifi }, k) => {
      const earlier = rowOf.get(ifi);
      if (earlier !== undefined)
        context.addIssue({
          code: 'custom',
          path: [i, 'identifiers', k],
          message: `is also given in workers[${earlier}]`,
        });
      else rowOf.set(ifi, i);
    }),
  );
}
