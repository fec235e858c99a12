import type { AccessRole, SignedInUser } from './api/types';

/** What the signed-in person's roles open in the app (the server checks every call again). */
export interface Reach {
  ownWorkerId?: string;
  team: { organisationId: string; workerIds: string[] }[];
  ledOrganisations: string[];
  platformAdmin: boolean;
  evaluator: boolean;
  /** An evaluator with no organisation: the national figures. */
  nationalEvaluator: boolean;
  /** The organisations an organisation's evaluator evaluates (their figures only). */
  evaluatedOrganisations: string[];
}

export function reachOf(user: SignedInUser): Reach {
  const of = <K extends AccessRole['kind']>(kind: K) =>
    user.roles.filter((r): r is Extract<AccessRole, { kind: K }> => r.kind === kind);
  return {
    ownWorkerId: of('worker')[0]?.workerId,
    team: of('line-manager').map((r) => ({ organisationId: r.organisationId, workerIds: r.workerIds })),
    ledOrganisations: of('learning-lead').map((r) => r.organisationId),
    platformAdmin: of('platform-admin').length > 0,
    evaluator: of('evaluator').length > 0,
    nationalEvaluator: of('evaluator').some((r) => r.organisationId === undefined),
    evaluatedOrganisations: of('evaluator').flatMap((r) => (r.organisationId ? [r.organisationId] : [])),
  };
}

export const teamWorkerIds = (reach: Reach): string[] => [...new Set(reach.team.flatMap((t) => t.workerIds))];

/** Whether the person may record a manager's kinds of evidence (feedback, judgements, plans) for this worker. */
export function mayRecordFor(reach: Reach, workerId: string): boolean {
  return reach.platformAdmin || reach.ledOrganisations.length > 0 || teamWorkerIds(reach).includes(workerId);
}

/** Where a person lands after signing in: the first view their roles open. */
export function homePath(reach: Reach): string {
  if (reach.team.length) return '/team';
  if (reach.ownWorkerId) return `/workers/${reach.ownWorkerId}`;
  if (reach.ledOrganisations[0]) return `/organisations/${reach.ledOrganisations[0]}/audit`;
  if (mayReadTrends(reach)) return '/trends/adoption';
  return '/nothing-yet';
}

/**
 * Evaluators read trends (national, or their organisation's), learning leads their own organisation's,
 * platform admins all. The API scopes the figures to the reader.
 */
export const mayReadTrends = (reach: Reach): boolean =>
  reach.evaluator || reach.platformAdmin || reach.ledOrganisations.length > 0;

/** A platform admin acts for every organisation, a learning lead for theirs: more than one means choosing. */
export const actsForSeveralOrganisations = (reach: Reach): boolean =>
  reach.platformAdmin || reach.ledOrganisations.length > 1;

/** Whether the person may act for (lead, administer) this organisation; the API decides again. */
export const actsFor = (reach: Reach, organisationId: string): boolean =>
  reach.platformAdmin || reach.ledOrganisations.includes(organisationId);

/** A national evaluator and a platform admin read the national figures unless they name an organisation. */
export const readsNationalTrends = (reach: Reach): boolean => reach.nationalEvaluator || reach.platformAdmin;

/** The organisations whose own figures a reader of no national ones may read: those they lead or evaluate. */
export const ownTrendsOrganisations = (reach: Reach): string[] => [
  ...new Set([...reach.ledOrganisations, ...reach.evaluatedOrganisations]),
];

/**
 * A reader of several organisations' trends and of no national ones must name one: the API answers 400
 * without `organisationId`.
 */
export const mustNameTrendsOrganisation = (reach: Reach): boolean =>
  !readsNationalTrends(reach) && ownTrendsOrganisations(reach).length > 1;

/**
 * Whose figures GET /api/trends answers (it does not say): the organisation named, else the national
 * ones for who reads them, else the reader's one organisation (the API's `scopeOf`, mirrored).
 */
export function trendsOrganisation(reach: Reach, named: string | undefined): string | undefined {
  if (named || readsNationalTrends(reach)) return named;
  return ownTrendsOrganisations(reach)[0];
}

/**
 * The organisation whose pages the navigation offers: the one in the address (its path, or the trends'
 * `organisationId`) when the person acts for it, so the address remembers the choice; else a lead's
 * first one; none for an admin who has not chosen.
 */
export function organisationInView(reach: Reach, path: string, queried?: string): string | undefined {
  const chosen = /^\/organisations\/([^/]+)(\/|$)/.exec(path)?.[1] ?? queried;
  if (chosen && actsFor(reach, chosen)) return chosen;
  return reach.ledOrganisations[0];
}
