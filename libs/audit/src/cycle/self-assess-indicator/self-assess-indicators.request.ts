import { z } from 'zod';
import { requestBody } from '#libs/platform';
import { selfAssessmentFields } from './self-assess-indicator.request.js';

/** Indicators one request may assess: more than the catalogue's organisation indicators, so a whole cycle fits. */
export const SELF_ASSESSMENTS_MAX = 200;

const INDICATOR_RULE = 'is required and must be an organisation indicator id';
const ROWS_RULE = 'must be a non-empty array of { indicatorId, achieved, evidence }';

const selfAssessmentRow = requestBody(
  {
    indicatorId: z
      .string({ error: INDICATOR_RULE })
      .min(1, { error: INDICATOR_RULE })
      .meta({ description: 'an organisation indicator (GET /api/framework)' }),
    ...selfAssessmentFields,
  },
  { of: 'a self-assessment' },
);

/** The body of `PUT …/audits/:auditId/indicators`: rows as the single PUT takes them, each indicator once. */
export const selfAssessIndicatorsRequest = requestBody({
  indicators: z
    .array(selfAssessmentRow, { error: ROWS_RULE })
    .min(1, { error: ROWS_RULE })
    .max(SELF_ASSESSMENTS_MAX, { error: `must hold at most ${SELF_ASSESSMENTS_MAX} rows` })
    .superRefine(eachIndicatorOnce),
});

function eachIndicatorOnce(rows: readonly { indicatorId: string }[], context: z.RefinementCtx): void {
  const rowOf = new Map<string, number>();
  rows.forEach(({ indicatorId }, i) => {
    const earlier = rowOf.get(indicatorId);
    if (earlier !== undefined)
      context.addIssue({
        code: 'custom',
        path: [i, 'indicatorId'],
        message: `is also assessed in indicators[${earlier}]`,
      });
    else rowOf.set(indicatorId, i);
  });
}
