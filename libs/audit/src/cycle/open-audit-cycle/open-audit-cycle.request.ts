import { z } from 'zod';
import { absentAsUndefined, calendarDate, requestBody } from '#libs/platform';
import { DEFAULT_SURVEY_THRESHOLD } from '../audit-cycle.events.js';

const THRESHOLD_RULE = 'must be a number above 0 and at most 1';

/** The body of `POST /api/organisations/:id/audits`: it parses the request and is its documented schema. */
export const openAuditCycleRequest = requestBody({
  startedOn: calendarDate(),
  surveyThreshold: absentAsUndefined(
    z.number({ error: THRESHOLD_RULE }).gt(0, { error: THRESHOLD_RULE }).lte(1, { error: THRESHOLD_RULE }).meta({
      default: DEFAULT_SURVEY_THRESHOLD,
      description: 'the share of respondents agreeing that evidences a worker indicator',
    }),
  ),
});
