import { z } from 'zod';
import { requestBody } from '#libs/platform';

const ANSWERS_RULE = 'is required and must be a non-empty array';
const AGREEMENT_RULE = 'must be a whole number from 1 to 5';

const answer = z.object(
  {
    indicatorId: z
      .string({ error: 'is required and must be a string' })
      .min(1, { error: 'is required and must be a string' }),
    agreement: z
      .number({ error: AGREEMENT_RULE })
      .int({ error: AGREEMENT_RULE })
      .min(1, { error: AGREEMENT_RULE })
      .max(5, { error: AGREEMENT_RULE })
      .meta({ description: '1 strongly disagree … 5 strongly agree' }),
  },
  { error: 'must be an object { indicatorId, agreement }' },
);

/** The body of `POST …/audits/:auditId/survey-responses`: one worker's anonymous answers. */
export const answerStaffSurveyRequest = requestBody({
  answers: z.array(answer, { error: ANSWERS_RULE }).min(1, { error: ANSWERS_RULE }),
});
