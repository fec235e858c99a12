import { ForbiddenException } from '@nestjs/common';

/**
 * One grant a signed-in person holds. A person may hold several (e.g. a line manager is also a
 * worker with their own record), so every rule below asks "does ANY role allow this?".
 */
export type AccessRole =
  | { kind: 'worker'; workerId: string }
  | { kind: 'line-manager'; organisationId: string; workerIds: string[] }
  | { kind: 'learning-lead'; organisationId: string }
  | { kind: 'evaluator'; organisationId?: string /* absent = national */ }
  | { kind: 'platform-admin' };

export type AccessRoleKind = AccessRole['kind'];

export const ACCESS_ROLE_KINDS: readonly AccessRoleKind[] = [
  'worker',
  'line-manager',
  'learning-lead',
  'evaluator',
  'platform-admin',
];

/** Who is asking: the person signed in (or the automation holding ADMIN_TOKEN). */
export interface Viewer {
  userId: string;
  email?: string;
  /** The user's name, shown as who recorded what they record. */
  displayName?: string;
  roles: AccessRole[];
}

/** The facts about a worker that access depends on: who they are and where they work. */
export interface WorkerAccessTarget {
  workerId: string;
  organisationIds: readonly string[];
}

/**
 * Evidence a worker may record about themselves. Anything else (feedback from a manager, an
 * assessment of an indicator, an agreed learning plan) must come from someone else, or it would
 * not be evidence.
 */
export const SELF_RECORDABLE_EVIDENCE = ['self-assessment', 'reflective-account', 'learning-activity'] as const;
export type SelfRecordableEvidence = (typeof SELF_RECORDABLE_EVIDENCE)[number];

/** `kind` of evidence being written; a free string so callers can pass their own evidence kinds. */
export type EvidenceKind = SelfRecordableEvidence | (string & {});

export function isPlatformAdmin(viewer: Viewer): boolean {
  return viewer.roles.some((role) => role.kind === 'platform-admin');
}

function isTheWorker(viewer: Viewer, workerId: string): boolean {
  return viewer.roles.some((role) => role.kind === 'worker' && role.workerId === workerId);
}

/**
 * A line manager manages named workers, not the whole organisation. The grant's organisation must
 * also be one the worker belongs to, so a manager loses access once the worker moves elsewhere.
 */
function managesWorker(viewer: Viewer, worker: WorkerAccessTarget): boolean {
  return viewer.roles.some(
    (role) =>
      role.kind === 'line-manager' &&
      role.workerIds.includes(worker.workerId) &&
      worker.organisationIds.includes(role.organisationId),
  );
}

function leadsOrganisation(viewer: Viewer, organisationId: string): boolean {
  return viewer.roles.some((role) => role.kind === 'learning-lead' && role.organisationId === organisationId);
}

function leadsAnyOrganisationOf(viewer: Viewer, worker: WorkerAccessTarget): boolean {
  return worker.organisationIds.some((organisationId) => leadsOrganisation(viewer, organisationId));
}

/**
 * Reading a person's record. Evaluators are deliberately absent: they see only aggregates, never a
 * person, whatever other scope their grant has.
 */
export function canReadWorker(viewer: Viewer, worker: WorkerAccessTarget): boolean {
  return (
    isPlatformAdmin(viewer) ||
    isTheWorker(viewer, worker.workerId) ||
    managesWorker(viewer, worker) ||
    leadsAnyOrganisationOf(viewer, worker)
  );
}

/**
 * Recording evidence about a worker. Without `kind` only the worker's manager, their
 * organisation's learning lead or a platform admin may write; with a self-recordable `kind` the
 * worker themselves may too.
 */
export function canWriteEvidenceFor(viewer: Viewer, worker: WorkerAccessTarget, kind?: EvidenceKind): boolean {
  if (isPlatformAdmin(viewer) || managesWorker(viewer, worker) || leadsAnyOrganisationOf(viewer, worker)) return true;
  return kind !== undefined && isSelfRecordable(kind) && isTheWorker(viewer, worker.workerId);
}

/**
 * Accepting evidence an organisation the worker did not belong to sent (pending evidence), so that it
 * counts: the worker themselves, a learning lead of one of their organisations, a platform admin. Not
 * a line manager: what enters a person's record from outside is theirs or their employer's to take.
 */
export function canAcceptEvidenceFor(viewer: Viewer, worker: WorkerAccessTarget): boolean {
  return isPlatformAdmin(viewer) || isTheWorker(viewer, worker.workerId) || leadsAnyOrganisationOf(viewer, worker);
}

export function isSelfRecordable(kind: string): kind is SelfRecordableEvidence {
  return (SELF_RECORDABLE_EVIDENCE as readonly string[]).includes(kind);
}

/** Running an organisation's self-audit, job roles and user grants. */
export function canManageOrganisation(viewer: Viewer, organisationId: string): boolean {
  return isPlatformAdmin(viewer) || leadsOrganisation(viewer, organisationId);
}

/**
 * Whether a viewer may manage some organisation: a route whose organisation is named in its body refuses
 * anyone who manages none before reading the body, so they get the 403 whatever they send.
 */
export function canManageSomeOrganisation(viewer: Viewer): boolean {
  return isPlatformAdmin(viewer) || viewer.roles.some((r) => r.kind === 'learning-lead');
}

/**
 * Aggregates (evaluation queries): a national evaluator or admin sees every organisation; an
 * organisation's evaluator or learning lead sees their own. `undefined` asks for national figures.
 */
export function canReadAggregates(viewer: Viewer, organisationId?: string): boolean {
  if (isPlatformAdmin(viewer)) return true;
  return viewer.roles.some((role) => {
    if (role.kind === 'evaluator') return role.organisationId === undefined || role.organisationId === organisationId;
    if (role.kind === 'learning-lead') return organisationId !== undefined && role.organisationId === organisationId;
    return false;
  });
}

/**
 * The one way handlers deny: a 403 whose body says what was refused and carries no data, so a
 * denial never reveals whether the record exists or what it holds.
 */
export function assertCan(allowed: boolean, what: string): asserts allowed {
  if (!allowed) throw new ForbiddenException(`You are not allowed to ${what}`);
}
