import { Query } from '@nestjs/cqrs';
import type { StaffMember } from '../organisation-staff.query.js';
import type { Page } from '../organisations.query.js';

/** The learning lead's view of staff: who belongs or belonged to the organisation, with membership dates and current role. */
export class GetOrganisationStaff extends Query<{
  organisationId: string;
  workers: StaffMember[];
  next: string | null;
}> {
  constructor(
    readonly organisationId: string,
    readonly page: Page,
    readonly today: string,
  ) {
    super();
  }
}
