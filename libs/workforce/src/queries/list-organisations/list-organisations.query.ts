import { Query } from '@nestjs/cqrs';
import type { OrganisationsPage, Page } from '../../read-model/organisations.js';

/**
 * Organisations by id, a page at a time; `only`: these ids alone (a learning lead's own), else every one;
 * `search`: those whose name or id holds it.
 */
export class ListOrganisations extends Query<OrganisationsPage> {
  constructor(
    readonly page: Page,
    readonly only?: readonly string[],
    readonly search?: string,
  ) {
    super();
  }
}
