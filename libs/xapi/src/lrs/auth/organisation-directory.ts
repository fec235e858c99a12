/** Injection token of the OrganisationDirectory; the workforce lib, where organisations are registered, provides it. */
export const ORGANISATION_DIRECTORY = Symbol('OrganisationDirectory');

/** Whether an organisation exists, so an LRS client is never created for one that does not. */
export interface OrganisationDirectory {
  isRegistered(organisationId: string): Promise<boolean>;
}
