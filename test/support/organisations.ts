import type { TestApp } from './app.js';

/** What an organisation is registered with beside its id. */
export type OrganisationDetails = Partial<Record<'name' | 'sector' | 'region' | 'serviceType' | 'sizeBand', string>>;

/**
 * Registers an organisation with the admin token (an LRS client can only be created for a registered
 * one); one that is already registered is left as it is. `details` win over `Organisation <id>`,
 * voluntary, Fife, care at home, small.
 */
export async function registerOrganisation(
  app: Pick<TestApp, 'baseUrl' | 'adminToken'>,
  id: string,
  details: OrganisationDetails = {},
): Promise<void> {
  const response = await fetch(`${app.baseUrl}/api/organisations`, {
    method: 'POST',
    headers: { authorization: `Bearer ${app.adminToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({
      id,
      name: `Organisation ${id}`,
      sector: 'voluntary',
      region: 'Fife',
      serviceType: 'care at home',
      sizeBand: 'small',
      ...details,
    }),
  });
  if (response.status !== 201 && response.status !== 409) {
    throw new Error(`registering organisation ${id}: ${response.status} ${await response.text()}`);
  }
}
