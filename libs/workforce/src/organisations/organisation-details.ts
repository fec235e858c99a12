import { SECTORS, SIZE_BANDS, type OrganisationDetails } from './organisation.events.js';
import { oneOf, text, type Body } from '../domain/input.js';

/** The profile of an employer that evaluations segment by (seed 002: sector, region, service type, size). */
export function parseOrganisationDetails(b: Body): OrganisationDetails {
  return {
    name: text(b, 'name'),
    sector: oneOf(b, 'sector', SECTORS),
    region: text(b, 'region', 100),
    serviceType: text(b, 'serviceType', 100),
    sizeBand: oneOf(b, 'sizeBand', SIZE_BANDS),
  };
}
