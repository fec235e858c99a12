import type { TestApp } from './app.js';
import { api, createUser, ok } from './http-api.js';
import { registerOrganisation, type OrganisationDetails } from './organisations.js';

/**
 * The staff-turnover fixture of the moves tests (POST /api/organisations/:id/workers/moves): organisations,
 * each with its job roles (no requirements: the moves are about who works where, not stages) and a
 * learning lead.
 */
export interface TurnoverOrganisation {
  id: string;
  /** Ids of the organisation's job roles, each named as its id. */
  roles: readonly string[];
  /** What the organisation is registered with (registerOrganisation's defaults otherwise). */
  details?: OrganisationDetails;
}

/** Registers each organisation and its roles with the admin token; returns a learning lead's token per organisation. */
export async function registerTurnoverOrganisations(
  app: TestApp,
  organisations: readonly TurnoverOrganisation[],
  leadEmailDomain: string,
): Promise<Record<string, string>> {
  const leads: Record<string, string> = {};
  for (const { id, roles, details } of organisations) {
    await registerOrganisation(app, id, details);
    for (const roleId of roles)
      await ok(app, app.adminToken, 'POST', '/api/roles', {
        id: roleId,
        organisationId: id,
        name: roleId,
        requirements: [],
      });
    const lead = `lead@${id.replace(/^org-/, '')}.${leadEmailDomain}`;
    leads[id] = await createUser(app, lead, [{ kind: 'learning-lead', organisationId: id }]);
  }
  return leads;
}

/** One request of moves to an organisation's staff, as `token`. */
export function sendMoves(app: TestApp, token: string, organisationId: string, rows: unknown) {
  return api(app, token, 'POST', `/api/organisations/${organisationId}/workers/moves`, { rows });
}

/** Imports `n` workers named `<prefix><i>` (mailto `<prefix><i>@<domain>`) holding `roleId` since 2023-01-01; their ids in order. */
export async function importStaff(
  app: TestApp,
  organisationId: string,
  { prefix, n, roleId, domain }: { prefix: string; n: number; roleId: string; domain: string },
): Promise<string[]> {
  const answer = await ok(app, app.adminToken, 'POST', `/api/organisations/${organisationId}/workers/import`, {
    workers: Array.from({ length: n }, (_, i) => ({
      name: `${prefix}${i}`,
      identifiers: [{ mbox: `mailto:${prefix}${i}@${domain}` }],
      joinedOn: '2023-01-01',
      roleId,
    })),
  });
  return (answer.workers as { id: string }[]).map((w) => w.id);
}
