import { Query } from '@nestjs/cqrs';
import type { StaffPage } from '../../read-model/organisation-staff.js';
import type { Page } from '../../read-model/organisations.js';

/** The learning lead's view of staff: who belongs or belonged to the organisation, with membership dates and current role. */
export class GetOrganisationStaff extends Query<StaffPage> {
  constructor(
    readonly organisationId: string,
    readonly page: Page,
    readonly today: string,
  ) {
    super();
  }
}
