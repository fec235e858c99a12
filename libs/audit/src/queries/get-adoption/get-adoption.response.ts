import { z } from 'zod';
import { ADOPTION_STATUSES } from '../../adoption/adoption.events.js';

const adoptionStatus = z.enum(ADOPTION_STATUSES);

export const getAdoptionResponse = z.object({
  organisationId: z.string(),
  asOf: z.iso.date(),
  current: adoptionStatus.nullable().describe('The status as of asOf; null before any was recorded'),
  history: z.array(z.object({ status: adoptionStatus, date: z.iso.date() })).describe('By effective date'),
});
