import { oneOf, requiredText } from '#libs/platform';
import { SECTORS, SIZE_BANDS } from './organisation.events.js';

/** The profile of an employer that evaluations segment by (seed 002: sector, region, service type, size). */
export const organisationDetailsFields = {
  name: requiredText(200),
  sector: oneOf(SECTORS),
  region: requiredText(100),
  serviceType: requiredText(100).meta({ example: 'residential care for adults' }),
  sizeBand: oneOf(SIZE_BANDS),
};
