import {
  EVIDENCE_SOURCES,
  FEEDBACK_SOURCES,
  findCapability,
  findIndicator,
  PLAN_ITEM_STATUSES,
  SCQF_LEVELS,
  STAGE_NAMES,
  SVQ_LEVELS,
  type EvidenceSource,
  type FeedbackSource,
  type PlanItemStatus,
  type StageName,
} from '#libs/framework';
import { invalid } from '../../domain/errors.js';
import { parseIdentifier } from '../../domain/identifiers.js';
import { body, oneOf, optionalText, parseInstant, text, type Body } from '../../domain/input.js';
import { EVIDENCE_KINDS, type EvidenceKind } from '../evidence-kinds.js';

type Agent = Record<string, unknown>;

interface Common {
  /** When it happened; backdated evidence lands in its own year. */
  occurredAt: string;
  capabilityIds: string[];
  indicatorIds: string[];
}

export type EvidenceInput = Common &
  (
    | {
        kind: 'assessment';
        indicatorId: string;
        evidenced: boolean;
        source: EvidenceSource;
        assessor?: Agent;
        note?: string;
      }
    | { kind: 'feedback'; source: FeedbackSource; feedback?: string; giver?: Agent }
    | { kind: 'learning-activity'; mode: 'formal' | 'informal'; title: string; duration: string; learningKind?: string }
    | { kind: 'reflective-account'; title?: string; account: string }
    | { kind: 'learning-need'; title: string; targetStage?: StageName; agreedWith?: Agent; registration?: string }
    | { kind: 'plan-item'; title: string; targetStage?: StageName; registration?: string; status: PlanItemStatus }
    | {
        kind: 'qualification';
        title: string;
        duration: string;
        scqfLevel?: number;
        svqLevel?: number;
        awardingBody?: string;
      }
    | { kind: 'prior-learning'; title: string; recognised: boolean; creditPoints?: number; recognisedBy?: Agent }
  );

const DURATION = /^P(?!$)(\d+(\.\d+)?W)?(\d+(\.\d+)?D)?(T(?=\d)(\d+(\.\d+)?H)?(\d+(\.\d+)?M)?(\d+(\.\d+)?S)?)?$/;

/** Reads `POST /api/workers/:id/evidence`; `now` stands in for a missing `occurredAt`. */
export function parseEvidence(input: unknown, now: Date): EvidenceInput {
  const b = body(input);
  const kind = oneOf(b, 'kind', EVIDENCE_KINDS);
  const common: Common = {
    occurredAt: (b.occurredAt === undefined ? now : parseInstant(b.occurredAt, 'occurredAt')).toISOString(),
    capabilityIds: capabilityIds(b),
    indicatorIds: indicatorIds(b, 'indicatorIds'),
  };
  return { ...common, ...parsers[kind](b) } as EvidenceInput;
}

const parsers: Record<EvidenceKind, (b: Body) => object> = {
  assessment: (b) => ({
    kind: 'assessment',
    indicatorId: indicator(b.indicatorId, 'indicatorId'),
    evidenced: bool(b, 'evidenced'),
    source: b.source === undefined ? 'line-manager' : oneOf(b, 'source', EVIDENCE_SOURCES),
    ...opt('assessor', agent(b, 'assessor')),
    ...opt('note', optionalText(b, 'note', 4000)),
  }),
  feedback: (b) => ({
    kind: 'feedback',
    source: oneOf(b, 'source', FEEDBACK_SOURCES),
    ...opt('feedback', optionalText(b, 'feedback', 8000)),
    ...opt('giver', agent(b, 'giver')),
  }),
  'learning-activity': (b) => ({
    kind: 'learning-activity',
    mode: oneOf(b, 'mode', ['formal', 'informal'] as const),
    title: text(b, 'title'),
    duration: duration(b, true)!,
    ...opt('learningKind', optionalText(b, 'learningKind', 100)),
  }),
  'reflective-account': (b) => ({
    kind: 'reflective-account',
    ...opt('title', optionalText(b, 'title')),
    account: text(b, 'account', 20000),
  }),
  'learning-need': (b) => ({
    kind: 'learning-need',
    title: text(b, 'title'),
    ...opt('targetStage', stage(b)),
    ...opt('agreedWith', agent(b, 'agreedWith')),
    ...opt('registration', uuid(b, 'registration')),
  }),
  'plan-item': (b) => ({
    kind: 'plan-item',
    title: text(b, 'title'),
    ...opt('targetStage', stage(b)),
    ...opt('registration', uuid(b, 'registration')),
    status: b.status === undefined ? 'planned' : oneOf(b, 'status', PLAN_ITEM_STATUSES),
  }),
  qualification: (b) => ({
    kind: 'qualification',
    title: text(b, 'title'),
    duration: duration(b, false) ?? 'PT0S',
    ...opt('scqfLevel', level(b, 'scqfLevel', SCQF_LEVELS.length)),
    ...opt('svqLevel', level(b, 'svqLevel', SVQ_LEVELS.length)),
    ...opt('awardingBody', optionalText(b, 'awardingBody')),
  }),
  'prior-learning': (b) => ({
    kind: 'prior-learning',
    title: text(b, 'title'),
    recognised: b.recognised === undefined ? true : bool(b, 'recognised'),
    ...opt('creditPoints', creditPoints(b)),
    ...opt('recognisedBy', agent(b, 'recognisedBy')),
  }),
};

const opt = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

function bool(b: Body, field: string): boolean {
  return typeof b[field] === 'boolean'
    ? (b[field] as boolean)
    : invalid(field, 'is required and must be true or false');
}

function agent(b: Body, field: string): Agent | undefined {
  if (b[field] === undefined) return undefined;
  const value = b[field] as Record<string, unknown>;
  parseIdentifier(value, field);
  const name = typeof value.name === 'string' ? { name: value.name } : {};
  return { objectType: 'Agent', ...name, ...parseIdentifier(value, field).agent };
}

function indicator(value: unknown, field: string): string {
  const found = typeof value === 'string' ? findIndicator(value) : undefined;
  if (!found || found.role !== 'personal')
    return invalid(field, 'must be the id of a personal capability indicator, e.g. pc.flexibility.engaged.1');
  return found.id;
}

function indicatorIds(b: Body, field: string): string[] {
  const value = b[field] ?? [];
  if (!Array.isArray(value)) return invalid(field, 'must be an array of indicator ids');
  return value.map((v, i) => indicator(v, `${field}[${i}]`));
}

function capabilityIds(b: Body): string[] {
  const value = b.capabilityIds ?? [];
  if (!Array.isArray(value)) return invalid('capabilityIds', 'must be an array of personal capability ids');
  return value.map((v, i) => {
    const found = typeof v === 'string' ? findCapability(v) : undefined;
    if (!found || found.kind !== 'personal')
      return invalid(`capabilityIds[${i}]`, 'must be the id of a personal capability, e.g. pc.self-confidence');
    return found.id;
  });
}

/** `duration` (ISO 8601, e.g. PT3H30M) or `hours` (a number): how long the learning took. */
function duration(b: Body, required: boolean): string | undefined {
  if (b.duration !== undefined) {
    if (typeof b.duration !== 'string' || !DURATION.test(b.duration))
      return invalid(
        'duration',
        'must be an ISO 8601 duration in weeks, days, hours, minutes or seconds, e.g. PT3H30M',
      );
    return b.duration;
  }
  if (b.hours !== undefined) {
    if (typeof b.hours !== 'number' || !Number.isFinite(b.hours) || b.hours < 0 || b.hours > 10_000)
      return invalid('hours', 'must be a number of hours from 0 to 10000');
    return `PT${Math.round(b.hours * 3600)}S`;
  }
  return required
    ? invalid('duration', 'is required (or give hours): how long the learning took, e.g. PT3H30M')
    : undefined;
}

function stage(b: Body): StageName | undefined {
  return b.targetStage === undefined ? undefined : oneOf(b, 'targetStage', STAGE_NAMES);
}

function uuid(b: Body, field: string): string | undefined {
  const value = b[field];
  if (value === undefined) return undefined;
  if (
    typeof value !== 'string' ||
    !/^[0-9a-f]{8}-[0-9a-f]{4}-[1-8][0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/i.test(value)
  )
    return invalid(field, 'must be a UUID');
  return value;
}

function level(b: Body, field: string, max: number): number | undefined {
  const value = b[field];
  if (value === undefined) return undefined;
  if (!Number.isInteger(value) || (value as number) < 1 || (value as number) > max)
    return invalid(field, `must be a whole number from 1 to ${max}`);
  return value as number;
}

function creditPoints(b: Body): number | undefined {
  const value = b.creditPoints;
  if (value === undefined) return undefined;
  if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
    return invalid('creditPoints', 'must be a number of SCQF credit points >= 0');
  return value;
}
