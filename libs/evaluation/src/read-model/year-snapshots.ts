import {
  compareStages,
  organisationalCapabilities,
  personalCapabilities,
  STAGE_NAMES,
  type Stage,
} from '#libs/framework';
// The stage rule replayed over time, as the workforce decides it (not a copy).
import { stageChanges, type JudgementSpan } from '#libs/workforce';

/**
 * What the trends count, worker by worker and organisation by organisation, at each 31 December: pure
 * functions of the facts the projection keeps, so a snapshot can be recomputed whenever a fact about
 * its worker or organisation arrives (however far back it is dated) and compared with the one before.
 */

export interface Segment {
  readonly sector: string;
  readonly region: string;
  readonly serviceType: string;
  readonly sizeBand: string;
}

export interface OrganisationFacts {
  readonly id: string;
  readonly segment: Segment;
  /** The first day anything is known of it: registration, adoption, a completed audit, a member joining. */
  readonly firstOn: string;
  /** By effective date, then log order. */
  readonly adoption: readonly { readonly status: string; readonly effectiveOn: string }[];
  /** Completed cycles by completion date, then log order; each capability's self-assessed stage. */
  readonly audits: readonly { readonly completedOn: string; readonly stages: Readonly<Record<string, Stage>> }[];
}

export interface DatedSpan {
  readonly organisationId: string;
  readonly from: string;
  readonly to: string | null;
}

export interface WorkerFacts {
  readonly id: string;
  readonly memberships: readonly DatedSpan[];
  readonly roles: readonly (DatedSpan & { readonly roleId: string })[];
  readonly judgements: readonly JudgementSpan[];
  readonly learning: readonly LearningFact[];
}

export interface LearningFact {
  readonly organisationId: string;
  readonly kind: string;
  readonly occurredAt: string;
  readonly withdrawnAt: string | null;
  readonly durationSeconds: number | null;
  readonly source: string | null;
}

export interface RoleFacts {
  readonly name: string;
  readonly requirements: readonly { readonly capabilityId: string; readonly stage: Stage }[];
}

/** What a worker's snapshot needs about others: organisations (segment, adoption) and roles. */
export interface WorkerContext {
  readonly horizon: number;
  readonly organisations: ReadonlyMap<string, OrganisationFacts>;
  readonly roles: ReadonlyMap<string, RoleFacts>;
}

/** One worker at one year end. `stages` follow `personalCapabilities`' order as stage ranks (-1 = not yet engaged). */
export interface WorkerYear {
  readonly year: number;
  /** Their organisation at the year end (the membership begun last), with its segment; null: none. */
  readonly member: {
    readonly organisationId: string;
    readonly segment: Segment;
    readonly role: string;
    readonly meetsRole: boolean | null;
    readonly using: boolean;
  } | null;
  readonly stages: readonly number[];
  /** Learning recorded in the year, per organisation that sent it. */
  readonly learning: readonly {
    readonly organisationId: string;
    readonly segment: Segment;
    readonly role: string;
    readonly activities: number;
    readonly hours: number;
    readonly feedback: Readonly<Record<string, number>>;
  }[];
}

export interface OrganisationYear {
  readonly year: number;
  readonly aware: boolean;
  readonly using: boolean;
  /** Self-assessed stage ranks per organisational capability (catalogue order); null: no completed audit yet. */
  readonly stages: readonly number[] | null;
}

/**
 * The first year a trend may ask for (`from`). Snapshots start the year before it at the earliest, so its
 * changes and movement are right: a membership or learning dated 0001-01-01 (a valid date) otherwise
 * made every year since 1 a snapshot and ~500 cells of each worker, years no query can ask for.
 */
export const FIRST_TREND_YEAR = 1990;
const firstSnapshotYear = (year: number) => Math.max(year, FIRST_TREND_YEAR - 1);

export const yearEnd = (year: number) => `${year}-12-31`;
const afterYearEnd = (year: number) => `${year + 1}-01-01T00:00:00.000Z`;
const spansYearEnd = (span: { from: string; to: string | null }, year: number) =>
  span.from <= yearEnd(year) && (span.to === null || span.to > yearEnd(year));
const yearOf = (date: string) => Number(date.slice(0, 4));
/** Stage as a rank: -1 not yet engaged, 0 engaged … 3 exemplary (the order compareStages uses). */
export const stageRank = (stage: Stage) => compareStages(stage, 'engaged');
/** Distribution keys, lowest first: index = rank + 1. */
export const STAGE_ORDER: readonly Stage[] = ['not-yet-engaged', ...STAGE_NAMES];

export function organisationYears(org: OrganisationFacts, horizon: number): OrganisationYear[] {
  const years: OrganisationYear[] = [];
  for (let year = firstSnapshotYear(yearOf(org.firstOn)); year <= horizon; year++) {
    const adoption = org.adoption.filter((a) => a.effectiveOn <= yearEnd(year));
    const audit = org.audits.filter((a) => a.completedOn <= yearEnd(year)).at(-1);
    years.push({
      year,
      aware: adoption.length > 0,
      using: adoption.at(-1)?.status === 'using',
      stages: audit ? organisationalCapabilities.map((c) => stageRank(audit.stages[c.id] ?? 'not-yet-engaged')) : null,
    });
  }
  return years;
}

export function workerYears(worker: WorkerFacts, context: WorkerContext): WorkerYear[] {
  const first = Math.min(
    ...worker.memberships.map((m) => yearOf(m.from)),
    ...worker.learning.map((l) => yearOf(l.occurredAt)),
  );
  if (!Number.isFinite(first)) return [];
  const changes = stageChanges(worker.judgements);
  const years: WorkerYear[] = [];
  for (let year = firstSnapshotYear(first); year <= context.horizon; year++) {
    const stages = personalCapabilities.map((c) =>
      stageRank(
        changes.filter((s) => s.capabilityId === c.id && s.at < afterYearEnd(year)).at(-1)?.to ?? 'not-yet-engaged',
      ),
    );
    years.push({
      year,
      member: memberAt(worker, year, stages, context),
      stages,
      learning: learningIn(worker, year, context),
    });
  }
  return years;
}

function memberAt(
  worker: WorkerFacts,
  year: number,
  stages: readonly number[],
  context: WorkerContext,
): WorkerYear['member'] {
  const membership = worker.memberships
    .filter((m) => spansYearEnd(m, year) && context.organisations.has(m.organisationId))
    .sort((a, b) => (a.from === b.from ? (a.organisationId < b.organisationId ? -1 : 1) : a.from < b.from ? -1 : 1))
    .at(-1);
  if (!membership) return null;
  const org = context.organisations.get(membership.organisationId)!;
  const role = roleAt(worker, membership.organisationId, year, context);
  const adoption = org.adoption.filter((a) => a.effectiveOn <= yearEnd(year)).at(-1);
  return {
    organisationId: org.id,
    segment: org.segment,
    role: role?.name ?? '',
    meetsRole: role
      ? role.requirements.every((r) => stages[indexOfCapability(r.capabilityId)]! >= stageRank(r.stage))
      : null,
    using: adoption?.status === 'using',
  };
}

function roleAt(
  worker: WorkerFacts,
  organisationId: string,
  year: number,
  context: WorkerContext,
): RoleFacts | undefined {
  const assignment = worker.roles.filter((r) => r.organisationId === organisationId && spansYearEnd(r, year)).at(-1);
  return assignment ? context.roles.get(assignment.roleId) : undefined;
}

const capabilityIndex = new Map(personalCapabilities.map((c, i) => [c.id, i]));
const indexOfCapability = (id: string) => capabilityIndex.get(id) ?? -1;

/** Learning activities (with their hours), qualifications' hours and feedback items dated in the year, still standing at its end. */
function learningIn(worker: WorkerFacts, year: number, context: WorkerContext): WorkerYear['learning'] {
  const byOrganisation = new Map<string, { activities: number; hours: number; feedback: Record<string, number> }>();
  for (const fact of worker.learning) {
    if (yearOf(fact.occurredAt) !== year || (fact.withdrawnAt !== null && fact.withdrawnAt < afterYearEnd(year)))
      continue;
    if (!context.organisations.has(fact.organisationId)) continue;
    const entry = byOrganisation.get(fact.organisationId) ?? { activities: 0, hours: 0, feedback: {} };
    if (fact.kind === 'learning-activity') entry.activities++;
    if (fact.kind === 'learning-activity' || fact.kind === 'qualification')
      entry.hours += (fact.durationSeconds ?? 0) / 3600;
    if (fact.kind === 'feedback')
      entry.feedback[fact.source ?? 'unknown'] = (entry.feedback[fact.source ?? 'unknown'] ?? 0) + 1;
    byOrganisation.set(fact.organisationId, entry);
  }
  // In organisations' order, not the facts' (which the database returns in no set order): a snapshot is the same however it was built.
  const inOrder = [...byOrganisation].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
  return inOrder.map(([organisationId, entry]) => ({
    organisationId,
    segment: context.organisations.get(organisationId)!.segment,
    role: roleAt(worker, organisationId, year, context)?.name ?? '',
    ...entry,
  }));
}
