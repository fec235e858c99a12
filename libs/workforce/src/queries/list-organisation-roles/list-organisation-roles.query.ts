import { Query } from '@nestjs/cqrs';
import type { OrganisationRolesPage, Page } from '../../read-model/organisations.js';

/** An organisation's job roles with their requirements, a page at a time (404 for an organisation not registered). */
export class ListOrganisationRoles extends Query<OrganisationRolesPage> {
  constructor(
    readonly organisationId: string,
    readonly page: Page,
  ) {
    super();
  }
}
