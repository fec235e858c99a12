import { Query } from '@nestjs/cqrs';
import type { CapabilitySummary } from '../../read-model/organisation-staff.js';

/** How the organisation's workers stand on each personal capability as of a date, and how many meet their role's requirements. */
export class GetCapabilitySummary extends Query<CapabilitySummary> {
  constructor(
    readonly organisationId: string,
    /** YYYY-MM-DD: the end of that day (UTC). */
    readonly asOf: string,
  ) {
    super();
  }
}
