import {
  indicatorsAt,
  organisationalCapabilities,
  personalCapabilities,
  stageReached,
  STAGE_NAMES,
  type Capability,
  type FeedbackSource,
  type Indicator,
  type Stage,
  type StageName,
} from '#libs/framework';
import type { EvidenceInput } from '#libs/workforce';
import { seededRandom, type Random } from './random.js';
import {
  COUNCIL_AREAS,
  SECTOR_SHARES,
  SECTOR_SIZE_FACTOR,
  SERVICE_TYPES,
  sizeBandOf,
  type GeneratedSector,
  type GeneratedSizeBand,
} from './scotland.js';

/**
 * The plan of a generated data set: a pure function of its options (seed included). Organisations,
 * their adoption of the CLF, audits and careers are held in full; each worker's records are derived on
 * demand (`recordsOf`), also purely, so a national plan (millions of statements) fits in memory.
 */
export interface GenerateOptions {
  organisations: number;
  workers: number;
  years: number;
  seed: string;
  /** The last day anything happens (YYYY-MM-DD); the years end with this day's year. */
  until: string;
  /** Workers who answer each audit cycle's staff survey (the API shows counts from 5). Default 5. */
  surveyRespondents?: number;
}

export type AdoptionStatus = 'aware' | 'using' | 'stopped';

export interface PlannedRole {
  id: string;
  name: string;
  requirements: { capabilityId: string; stage: StageName }[];
}

export interface PlannedAudit {
  year: number;
  startedOn: string;
  /** Absent: the cycle is still open at `until`. */
  completedOn?: string;
  /** Organisation indicators self-assessed as achieved (the others are not assessed). */
  achievedIndicatorIds: string[];
  /** The stage each organisational capability's self-assessment gives (by the catalogue's rule). */
  stages: Record<string, Stage>;
  /** Worker indices of the survey's respondents, each with their answers. */
  survey: { workerIndex: number; answers: { indicatorId: string; agreement: number }[] }[];
}

export interface PlannedOrganisation {
  index: number;
  id: string;
  name: string;
  sector: GeneratedSector;
  region: string;
  serviceType: string;
  sizeBand: GeneratedSizeBand;
  roles: PlannedRole[];
  adoption: { status: AdoptionStatus; date: string }[];
  audits: PlannedAudit[];
}

export interface PlannedMembership {
  organisationId: string;
  from: string;
  /** Absent: still a member at `until`. */
  to?: string;
  /** The first role from `from`; a later one (a promotion) ends the previous. */
  roles: { roleId: string; from: string }[];
}

export interface PlannedWorker {
  index: number;
  name: string;
  mbox: string;
  memberships: PlannedMembership[];
}

export interface Plan {
  options: Required<GenerateOptions>;
  firstYear: number;
  lastYear: number;
  organisations: PlannedOrganisation[];
  workers: PlannedWorker[];
}

/** One piece of evidence or learning, sent as a statement of the CLF profile by `organisationId`'s LRS client. */
export interface PlannedRecord {
  organisationId: string;
  statementId: string;
  evidence: EvidenceInput;
}

export const GENERATED_ID_PREFIX = 'gen';

export function organisationIdOf(seed: string, index: number): string {
  return `${GENERATED_ID_PREFIX}-${seed}-org-${index + 1}`;
}

export function generatePlan(input: GenerateOptions): Plan {
  const options: Required<GenerateOptions> = { surveyRespondents: 5, ...input };
  const lastYear = Number(options.until.slice(0, 4));
  const firstYear = lastYear - options.years + 1;
  const shapes = Array.from({ length: options.organisations }, (_, i) => organisationShape(options.seed, i));
  const workers = planCareers(options, firstYear, shapes);
  const staff = staffIndex(workers);
  const organisations = shapes.map((shape) =>
    planOrganisation(options, firstYear, lastYear, shape, staff.get(shape.id) ?? emptyStaff()),
  );
  return { options, firstYear, lastYear, organisations, workers };
}

// ---- organisations -------------------------------------------------------------------------------

interface OrganisationShape {
  index: number;
  id: string;
  sector: GeneratedSector;
  region: string;
  serviceType: string;
  /** Relative size: how likely a worker is to work here. */
  weight: number;
}

function organisationShape(seed: string, index: number): OrganisationShape {
  const r = seededRandom(seed, 'organisation', index);
  const sector = r.weighted(SECTOR_SHARES);
  // Employers' sizes are skewed: many small, a few large (log-normal).
  const weight = Math.exp(gaussian(r) * 1.1) * SECTOR_SIZE_FACTOR[sector];
  return {
    index,
    id: organisationIdOf(seed, index),
    sector,
    region: r.weighted(COUNCIL_AREAS),
    serviceType: r.weighted(SERVICE_TYPES[sector]),
    weight,
  };
}

interface Staff {
  /** Workers whose first membership is here: the organisation's size. */
  starters: number;
  /** Members who never leave, in worker order: who can answer a survey now. */
  stayers: { worker: PlannedWorker; from: string }[];
}

function emptyStaff(): Staff {
  return { starters: 0, stayers: [] };
}

/** Per organisation, in one pass over the workers (national plans have 164,000 of them). */
function staffIndex(workers: PlannedWorker[]): Map<string, Staff> {
  const index = new Map<string, Staff>();
  const of = (id: string) => index.get(id) ?? index.set(id, emptyStaff()).get(id)!;
  for (const worker of workers) {
    of(worker.memberships[0]!.organisationId).starters++;
    for (const m of worker.memberships)
      if (m.to === undefined) of(m.organisationId).stayers.push({ worker, from: m.from });
  }
  return index;
}

function planOrganisation(
  options: Required<GenerateOptions>,
  firstYear: number,
  lastYear: number,
  shape: OrganisationShape,
  staff: Staff,
): PlannedOrganisation {
  const r = seededRandom(options.seed, 'organisation-history', shape.index);
  const headcount = staff.starters;
  const adoption = planAdoption(r, firstYear, lastYear, options.until);
  return {
    index: shape.index,
    id: shape.id,
    name: `${shape.serviceType[0]!.toUpperCase()}${shape.serviceType.slice(1)} ${shape.region} ${shape.index + 1}`,
    sector: shape.sector,
    region: shape.region,
    serviceType: shape.serviceType,
    sizeBand: sizeBandOf(headcount),
    roles: rolesOf(shape.id),
    adoption,
    audits: planAudits(r, options, adoption, lastYear, staff),
  };
}

export const ROLE_TEMPLATES = [
  {
    key: 'support-worker',
    name: 'Support worker',
    weight: 70,
    requirements: [
      ['pc.flexibility', 'engaged'],
      ['pc.managing-conflict', 'engaged'],
    ],
  },
  {
    key: 'senior-practitioner',
    name: 'Senior practitioner',
    weight: 22,
    requirements: [
      ['pc.developing-others', 'established'],
      ['pc.initiative', 'established'],
    ],
  },
  {
    key: 'manager',
    name: 'Manager',
    weight: 8,
    requirements: [
      ['pc.motivating-and-leading-others', 'accomplished'],
      ['pc.self-confidence', 'accomplished'],
    ],
  },
] as const;

function rolesOf(organisationId: string): PlannedRole[] {
  return ROLE_TEMPLATES.map((t) => ({
    id: `${organisationId}-${t.key}`,
    name: t.name,
    requirements: t.requirements.map(([capabilityId, stage]) => ({ capabilityId, stage })),
  }));
}

/**
 * Staggered adoption: a yearly chance of becoming aware (some never do), then of starting to use the
 * CLF; a few users stop. Awareness is never lost, as the trends count it.
 */
function planAdoption(r: Random, firstYear: number, lastYear: number, until: string): PlannedOrganisation['adoption'] {
  const history: PlannedOrganisation['adoption'] = [];
  let status: AdoptionStatus | undefined;
  let since = `${firstYear}-01-01`;
  for (let year = firstYear; year <= lastYear; year++) {
    const next = nextAdoption(r, status, year === firstYear);
    if (!next) continue;
    const date = dateIn(r, laterOf(since, `${year}-01-01`), earlierOf(`${year}-12-31`, until));
    if (!date) continue;
    history.push({ status: next, date });
    status = next;
    since = addDays(date, 1);
    if (next === 'aware' && r.chance(0.35)) {
      const using = dateIn(r, since, earlierOf(`${year}-12-31`, until));
      if (using) {
        history.push({ status: 'using', date: using });
        status = 'using';
        since = addDays(using, 1);
      }
    }
  }
  return history;
}

function nextAdoption(r: Random, status: AdoptionStatus | undefined, firstYear: boolean): AdoptionStatus | undefined {
  if (status === undefined) return r.chance(firstYear ? 0.3 : 0.28) ? 'aware' : undefined;
  if (status === 'aware') return r.chance(0.4) ? 'using' : undefined;
  if (status === 'using') return r.chance(0.05) ? 'stopped' : undefined;
  return r.chance(0.2) ? 'using' : undefined;
}

/** An organisation using the CLF audits itself once a year; its capabilities' stages mostly rise. */
function planAudits(
  r: Random,
  options: Required<GenerateOptions>,
  adoption: PlannedOrganisation['adoption'],
  lastYear: number,
  staff: Staff,
): PlannedAudit[] {
  const audits: PlannedAudit[] = [];
  const evidenced = new Map(organisationalCapabilities.map((c) => [c.id, new Set<string>()]));
  let earliest: string | undefined;
  for (let year = Number(adoption[0]?.date.slice(0, 4) ?? lastYear + 1); year <= lastYear; year++) {
    const history = adoption.filter((a) => a.date <= `${year}-12-31`);
    if (history.at(-1)?.status !== 'using') continue;
    const usingSince = history.at(-1)!.date;
    const startedOn = dateIn(
      r,
      laterOf(earliest ?? usingSince, usingSince, `${year}-01-01`),
      earlierOf(`${year}-12-31`, options.until),
    );
    if (!startedOn) continue;
    const completedOn = addDays(startedOn, r.int(14, 90));
    const stages: Record<string, Stage> = {};
    for (const capability of organisationalCapabilities) {
      const set = evidenced.get(capability.id)!;
      moveStage(r, capability, set, audits.length === 0 ? 'initial-organisation' : 'yearly');
      stages[capability.id] = stageOf(capability, set);
    }
    audits.push({
      year,
      startedOn,
      completedOn: completedOn <= options.until ? completedOn : undefined,
      achievedIndicatorIds: organisationalCapabilities.flatMap((c) => [...evidenced.get(c.id)!]),
      stages,
      survey: planSurvey(r, options.surveyRespondents, startedOn, stages, staff),
    });
    earliest = addDays(completedOn, 1);
  }
  return audits;
}

/** Respondents are staff who are members from before the cycle to the end (so they can answer now). */
function planSurvey(
  r: Random,
  respondents: number,
  startedOn: string,
  stages: Record<string, Stage>,
  staff: Staff,
): PlannedAudit['survey'] {
  if (respondents === 0) return [];
  const stayers = staff.stayers.filter((s) => s.from <= startedOn).slice(0, respondents);
  return stayers.map(({ worker }) => ({
    workerIndex: worker.index,
    answers: organisationalCapabilities.flatMap((capability) => {
      const reached = STAGE_NAMES.indexOf(stages[capability.id] as StageName);
      return capability.stages.slice(0, reached + 2).flatMap((stage, i) =>
        stage.workerIndicators.map((indicator) => ({
          indicatorId: indicator.id,
          agreement: r.weighted(i <= reached ? AGREEMENT_WHEN_REACHED : AGREEMENT_ABOVE),
        })),
      );
    }),
  }));
}

const AGREEMENT_WHEN_REACHED: readonly (readonly [number, number])[] = [
  [5, 35],
  [4, 40],
  [3, 15],
  [2, 7],
  [1, 3],
];
const AGREEMENT_ABOVE: readonly (readonly [number, number])[] = [
  [5, 10],
  [4, 25],
  [3, 35],
  [2, 20],
  [1, 10],
];

// ---- careers -------------------------------------------------------------------------------------

function planCareers(
  options: Required<GenerateOptions>,
  firstYear: number,
  shapes: OrganisationShape[],
): PlannedWorker[] {
  const pickOrganisation = weightedPicker(shapes.map((s) => s.weight));
  return Array.from({ length: options.workers }, (_, index) => {
    const r = seededRandom(options.seed, 'worker', index);
    const memberships: PlannedMembership[] = [];
    // A quarter are hired during the years; the others were already in post, some for many years.
    let from = r.chance(0.25)
      ? dateIn(r, `${firstYear}-01-01`, options.until)!
      : dateIn(r, `${firstYear - 15}-01-01`, `${firstYear - 1}-12-31`)!;
    let organisation = shapes[pickOrganisation(r)]!;
    while (memberships.length < 3) {
      const membership: PlannedMembership = { organisationId: organisation.id, from, roles: [] };
      memberships.push(membership);
      planRoles(r, membership, options.until);
      const to = leavingDate(r, from, firstYear, options.until);
      if (!to) break;
      membership.to = to;
      membership.roles = membership.roles.filter((role) => role.from <= to);
      // Turnover: some move to another employer in the data set, the others leave it.
      if (!r.chance(0.45) || shapes.length < 2) break;
      const next = addDays(to, r.int(1, 60));
      if (next > options.until) break;
      let other = shapes[pickOrganisation(r)]!;
      while (other.id === organisation.id) other = shapes[pickOrganisation(r)]!;
      organisation = other;
      from = next;
    }
    return {
      index,
      name: `Worker ${index + 1}`,
      mbox: `mailto:worker-${index + 1}.${options.seed}@generated.example.org`,
      memberships,
    };
  });
}

/** About one in nine staff leave in a year. */
function leavingDate(r: Random, from: string, firstYear: number, until: string): string | undefined {
  for (let year = Math.max(firstYear, Number(from.slice(0, 4))); year <= Number(until.slice(0, 4)); year++) {
    if (!r.chance(0.11)) continue;
    const date = dateIn(r, laterOf(addDays(from, 30), `${year}-01-01`), earlierOf(`${year}-12-31`, until));
    if (date) return date;
  }
  return undefined;
}

/** A first role at joining, and now and then a promotion. */
function planRoles(r: Random, membership: PlannedMembership, until: string): void {
  let rank = ROLE_TEMPLATES.indexOf(r.weighted(ROLE_TEMPLATES.map((t) => [t, t.weight] as const)));
  membership.roles.push({ roleId: `${membership.organisationId}-${ROLE_TEMPLATES[rank]!.key}`, from: membership.from });
  let since = membership.from;
  while (rank < ROLE_TEMPLATES.length - 1 && r.chance(0.12)) {
    const promoted = dateIn(r, addDays(since, 180), earlierOf(addDays(since, 1500), until));
    if (!promoted) break;
    rank++;
    membership.roles.push({ roleId: `${membership.organisationId}-${ROLE_TEMPLATES[rank]!.key}`, from: promoted });
    since = promoted;
  }
}

// ---- records -------------------------------------------------------------------------------------

const FORMAL_LEARNING = [
  'Induction',
  'SVQ Social Services and Healthcare unit',
  'Adult support and protection',
  'Moving and handling',
  'Medication awareness',
  'Dementia awareness',
  'First aid at work',
  'Infection prevention and control',
  'Child protection',
];
const INFORMAL_LEARNING = [
  'Supervision',
  'Mentoring session',
  'Shadowing a colleague',
  'Team learning community',
  'Reading: practice guidance',
  'Reflective practice group',
];
const FEEDBACK_SOURCES_WEIGHTED: readonly (readonly [FeedbackSource, number])[] = [
  ['line-manager', 4],
  ['colleague', 3],
  ['person-using-services', 2],
  ['carer', 1],
  ['self', 1],
];

/**
 * Every record of a worker over the plan's years, in date order per year: learning activities,
 * feedback, reflective accounts, now and then a qualification, and each year an assessment of every
 * capability the worker works on (those of their roles and one or two more), whose stage mostly rises
 * and sometimes falls. Each record is dated within a membership and sent by that organisation.
 */
export function recordsOf(plan: Plan, worker: PlannedWorker): PlannedRecord[] {
  const r = seededRandom(plan.options.seed, 'records', worker.index);
  const focus = focusOf(r, worker);
  const evidenced = new Map(focus.map((c) => [c.id, new Set<string>()]));
  const records: PlannedRecord[] = [];
  let assessedBefore = false;
  for (let year = plan.firstYear; year <= plan.lastYear; year++) {
    const windows = windowsIn(worker, year, plan.options.until);
    if (windows.length === 0) continue;
    const at = () => pickInstant(r, windows);
    const add = (
      when: { organisationId: string; instant: string },
      evidence: DistributiveOmit<EvidenceInput, 'occurredAt' | 'capabilityIds' | 'indicatorIds'>,
      capabilityIds: string[] = [],
      indicatorIds: string[] = [],
    ) =>
      records.push({
        organisationId: when.organisationId,
        statementId: r.uuid(),
        evidence: { ...evidence, occurredAt: when.instant, capabilityIds, indicatorIds } as EvidenceInput,
      });
    for (let i = r.int(5, 9); i > 0; i--) {
      const formal = r.chance(0.4);
      const title = r.pick(formal ? FORMAL_LEARNING : INFORMAL_LEARNING);
      add(
        at(),
        {
          kind: 'learning-activity',
          mode: formal ? 'formal' : 'informal',
          title,
          duration: formal ? `PT${r.int(1, 7)}H` : `PT${r.pick([30, 45, 60, 90])}M`,
        },
        [r.pick(focus).id],
      );
    }
    for (let i = r.int(2, 4); i > 0; i--)
      add(at(), { kind: 'feedback', source: r.weighted(FEEDBACK_SOURCES_WEIGHTED), feedback: 'Feedback on practice' }, [
        r.pick(focus).id,
      ]);
    if (r.chance(0.5))
      add(
        at(),
        {
          kind: 'reflective-account',
          title: 'Reflection on practice',
          account: 'What happened, what I learned and what I will do differently.',
        },
        [r.pick(focus).id],
      );
    if (r.chance(0.08))
      add(at(), {
        kind: 'qualification',
        title: 'SVQ Social Services and Healthcare',
        duration: 'PT200H',
        scqfLevel: r.pick([6, 7, 9]),
      });
    for (const capability of focus) {
      const set = evidenced.get(capability.id)!;
      const when = at();
      for (const { indicatorId, evidenced: judged } of moveStage(
        r,
        capability,
        set,
        assessedBefore ? 'yearly' : 'initial-worker',
      )) {
        add(
          when,
          { kind: 'assessment', indicatorId, evidenced: judged, source: r.chance(0.8) ? 'line-manager' : 'assessor' },
          [],
          [indicatorId],
        );
      }
    }
    assessedBefore = true;
  }
  return records;
}

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;

function focusOf(r: Random, worker: PlannedWorker): Capability[] {
  const ids = new Set(
    worker.memberships.flatMap((m) =>
      m.roles.flatMap((role) => templateOf(role.roleId).requirements.map(([id]) => id as string)),
    ),
  );
  while (ids.size < 3 || (ids.size < 5 && r.chance(0.4))) ids.add(r.pick(personalCapabilities).id);
  return personalCapabilities.filter((c) => ids.has(c.id));
}

function templateOf(roleId: string): (typeof ROLE_TEMPLATES)[number] {
  return ROLE_TEMPLATES.find((t) => roleId.endsWith(`-${t.key}`))!;
}

type Movement = 'initial-worker' | 'initial-organisation' | 'yearly';

/**
 * Moves a capability's evidenced indicators a stage up, keeps them (a review confirming one
 * indicator), or a stage down (one indicator of the stage reached judged not evidenced), and returns
 * the judgements that make the move. Stages mostly rise: up 45%, same 43%, down 12%.
 */
export function moveStage(
  r: Random,
  capability: Capability,
  evidenced: Set<string>,
  movement: Movement,
): { indicatorId: string; evidenced: boolean }[] {
  const current = stageRank(stageOf(capability, evidenced));
  const target =
    movement === 'yearly'
      ? Math.max(
          -1,
          Math.min(
            3,
            current +
              r.weighted([
                [1, 45],
                [0, 43],
                [-1, 12],
              ]),
          ),
        )
      : r.weighted(
          movement === 'initial-worker'
            ? [
                [-1, 25],
                [0, 40],
                [1, 27],
                [2, 8],
              ]
            : [
                [-1, 35],
                [0, 40],
                [1, 20],
                [2, 5],
              ],
        );
  const judgements: { indicatorId: string; evidenced: boolean }[] = [];
  if (target > current) {
    for (const stage of STAGE_NAMES.slice(0, target + 1)) {
      for (const indicator of judgedAt(capability, stage)) {
        if (evidenced.has(indicator.id)) continue;
        evidenced.add(indicator.id);
        judgements.push({ indicatorId: indicator.id, evidenced: true });
      }
    }
  } else if (target < current) {
    const indicator = r.pick(judgedAt(capability, STAGE_NAMES[current]!));
    evidenced.delete(indicator.id);
    judgements.push({ indicatorId: indicator.id, evidenced: false });
  } else if (current >= 0) {
    judgements.push({ indicatorId: r.pick(judgedAt(capability, STAGE_NAMES[current]!)).id, evidenced: true });
  } else {
    const first = judgedAt(capability, STAGE_NAMES[0]);
    judgements.push({ indicatorId: r.pick(first).id, evidenced: false });
  }
  return judgements;
}

/**
 * The indicators a judgement is about: a personal capability's, or an organisational capability's
 * organisation indicators (its worker indicators are the staff survey's).
 */
function judgedAt(capability: Capability, stage: StageName): readonly Indicator[] {
  if (capability.kind === 'personal') return indicatorsAt(capability, stage);
  return capability.stages.find((s) => s.stage === stage)?.organisationIndicators ?? [];
}

/**
 * The stage the judged indicators give, by the catalogue's rule; for an organisational capability the
 * self-assessed stage, as the audit decides it (worker indicators count as met there).
 */
export function stageOf(capability: Capability, evidenced: ReadonlySet<string>): Stage {
  if (capability.kind === 'personal') return stageReached(capability, evidenced);
  const workerIndicators = capability.stages.flatMap((s) => s.workerIndicators.map((i) => i.id));
  return stageReached(capability, new Set([...evidenced, ...workerIndicators]));
}

export function stageRank(stage: Stage): number {
  return stage === 'not-yet-engaged' ? -1 : STAGE_NAMES.indexOf(stage);
}

interface Window {
  organisationId: string;
  from: string;
  to: string;
  days: number;
}

/** The parts of a year the worker is a member somewhere, each with its organisation. */
export function windowsIn(worker: PlannedWorker, year: number, until: string): Window[] {
  return worker.memberships.flatMap((m) => {
    const from = laterOf(m.from, `${year}-01-01`);
    const to = earlierOf(m.to ?? until, `${year}-12-31`, until);
    return from <= to ? [{ organisationId: m.organisationId, from, to, days: daysBetween(from, to) + 1 }] : [];
  });
}

function pickInstant(r: Random, windows: Window[]): { organisationId: string; instant: string } {
  const window = r.weighted(windows.map((w) => [w, w.days] as const));
  const date = addDays(window.from, r.int(0, window.days - 1));
  const time = `${String(r.int(8, 17)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}:${String(r.int(0, 59)).padStart(2, '0')}`;
  return { organisationId: window.organisationId, instant: `${date}T${time}Z` };
}

// ---- small helpers -------------------------------------------------------------------------------

/** Box-Muller: a standard normal draw. */
function gaussian(r: Random): number {
  return Math.sqrt(-2 * Math.log(1 - r.next())) * Math.cos(2 * Math.PI * r.next());
}

/** Picks an index by weight in O(log n): national plans pick among 8,000 organisations 164,000 times. */
function weightedPicker(weights: number[]): (r: Random) => number {
  const cumulative: number[] = [];
  let total = 0;
  for (const w of weights) cumulative.push((total += w));
  return (r) => {
    const target = r.next() * total;
    let lo = 0;
    let hi = cumulative.length - 1;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      if (cumulative[mid]! > target) hi = mid;
      else lo = mid + 1;
    }
    return lo;
  };
}

const DAY_MS = 86_400_000;

export function addDays(date: string, days: number): string {
  return new Date(Date.parse(`${date}T00:00:00Z`) + days * DAY_MS).toISOString().slice(0, 10);
}

function daysBetween(from: string, to: string): number {
  return Math.round((Date.parse(`${to}T00:00:00Z`) - Date.parse(`${from}T00:00:00Z`)) / DAY_MS);
}

/** A uniform date in [from, to], or undefined when the range is empty. */
function dateIn(r: Random, from: string, to: string): string | undefined {
  if (from > to) return undefined;
  return addDays(from, r.int(0, daysBetween(from, to)));
}

function laterOf(...dates: string[]): string {
  return dates.reduce((a, b) => (a > b ? a : b));
}

function earlierOf(...dates: string[]): string {
  return dates.reduce((a, b) => (a < b ? a : b));
}
