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

type Schema = Record<string, unknown>;

/**
 * Some properties of an evidence body: how each is documented (OpenAPI) and how they are read. Both come
 * from here, so the documentation cannot say other than what is checked (issue 14 §8).
 */
interface Fields {
  properties: Record<string, Schema>;
  required: readonly string[];
  read(b: Body): object;
}

/** One property; `read` answers undefined when an optional one is absent. */
function field(name: string, schema: Schema, read: (b: Body) => unknown, required = false): Fields {
  return { properties: { [name]: schema }, required: required ? [name] : [], read: (b) => opt(name, read(b)) };
}

const AGENT: Schema = {
  type: 'object',
  description: 'an xAPI Agent: exactly one of mbox, mbox_sha1sum, openid, account; name optional',
  properties: {
    name: { type: 'string' },
    mbox: { type: 'string', example: 'mailto:john@example.org' },
    mbox_sha1sum: { type: 'string' },
    openid: { type: 'string', format: 'uri' },
    account: { type: 'object', properties: { homePage: { type: 'string' }, name: { type: 'string' } } },
  },
};

const textField = (name: string, max: number, required: boolean) =>
  field(
    name,
    { type: 'string', minLength: 1, maxLength: max },
    (b) => (required ? text(b, name, max) : optionalText(b, name, max)),
    required,
  );
const agentField = (name: string) => field(name, AGENT, (b) => agent(b, name));
const targetStageField = field('targetStage', { type: 'string', enum: [...STAGE_NAMES] }, stage);
const registrationField = field('registration', { type: 'string', format: 'uuid' }, (b) => uuid(b, 'registration'));
const levelField = (name: string, max: number) =>
  field(name, { type: 'integer', minimum: 1, maximum: max }, (b) => level(b, name, max));

/** `duration` (ISO 8601) or `hours`: both read into `duration`. */
function durationFields(required: boolean): Fields {
  return {
    properties: {
      duration: {
        type: 'string',
        example: 'PT3H30M',
        description: `ISO 8601, in weeks, days, hours, minutes or seconds${required ? '; this or hours is required' : ''}`,
      },
      hours: { type: 'number', minimum: 0, maximum: 10_000, description: 'instead of duration' },
    },
    required: [],
    read: (b) => opt('duration', duration(b, required) ?? (required ? undefined : 'PT0S')),
  };
}

/** What every kind takes; read before the kind's own properties. */
const COMMON_FIELDS: readonly Fields[] = [
  field(
    'occurredAt',
    { type: 'string', description: 'when it happened: a date or an ISO 8601 timestamp with a time zone; default now' },
    (b) => (b.occurredAt === undefined ? undefined : parseInstant(b.occurredAt, 'occurredAt').toISOString()),
  ),
  field(
    'capabilityIds',
    { type: 'array', items: { type: 'string', example: 'pc.self-confidence' }, description: 'personal capabilities' },
    capabilityIds,
  ),
  field(
    'indicatorIds',
    { type: 'array', items: { type: 'string', example: 'pc.flexibility.engaged.1' }, description: 'their indicators' },
    (b) => indicatorIds(b, 'indicatorIds'),
  ),
];

/** Each kind's own properties, in the order they are checked. */
const KIND_FIELDS: Record<EvidenceKind, readonly Fields[]> = {
  assessment: [
    field(
      'indicatorId',
      { type: 'string', example: 'pc.flexibility.engaged.1' },
      (b) => indicator(b.indicatorId, 'indicatorId'),
      true,
    ),
    field('evidenced', { type: 'boolean' }, (b) => bool(b, 'evidenced'), true),
    field('source', { type: 'string', enum: [...EVIDENCE_SOURCES], default: 'line-manager' }, (b) =>
      b.source === undefined ? 'line-manager' : oneOf(b, 'source', EVIDENCE_SOURCES),
    ),
    agentField('assessor'),
    textField('note', 4000, false),
  ],
  feedback: [
    field('source', { type: 'string', enum: [...FEEDBACK_SOURCES] }, (b) => oneOf(b, 'source', FEEDBACK_SOURCES), true),
    textField('feedback', 8000, false),
    agentField('giver'),
  ],
  'learning-activity': [
    field(
      'mode',
      { type: 'string', enum: ['formal', 'informal'] },
      (b) => oneOf(b, 'mode', ['formal', 'informal'] as const),
      true,
    ),
    textField('title', 200, true),
    durationFields(true),
    textField('learningKind', 100, false),
  ],
  'reflective-account': [textField('title', 200, false), textField('account', 20_000, true)],
  'learning-need': [textField('title', 200, true), targetStageField, agentField('agreedWith'), registrationField],
  'plan-item': [
    textField('title', 200, true),
    targetStageField,
    registrationField,
    field('status', { type: 'string', enum: [...PLAN_ITEM_STATUSES], default: 'planned' }, (b) =>
      b.status === undefined ? 'planned' : oneOf(b, 'status', PLAN_ITEM_STATUSES),
    ),
  ],
  qualification: [
    textField('title', 200, true),
    durationFields(false),
    levelField('scqfLevel', SCQF_LEVELS.length),
    levelField('svqLevel', SVQ_LEVELS.length),
    textField('awardingBody', 200, false),
  ],
  'prior-learning': [
    textField('title', 200, true),
    field('recognised', { type: 'boolean', default: true }, (b) =>
      b.recognised === undefined ? true : bool(b, 'recognised'),
    ),
    field('creditPoints', { type: 'number', minimum: 0, description: 'SCQF credit points' }, creditPoints),
    agentField('recognisedBy'),
  ],
};

/** Reads `POST /api/workers/:id/evidence`; `now` stands in for a missing `occurredAt`. */
export function parseEvidence(input: unknown, now: Date): EvidenceInput {
  const b = body(input);
  const kind = oneOf(b, 'kind', EVIDENCE_KINDS);
  const read = [...COMMON_FIELDS, ...KIND_FIELDS[kind]].map((f) => f.read(b));
  return Object.assign({ kind, occurredAt: now.toISOString() }, ...read) as EvidenceInput;
}

/** The component name of a kind's body schema, e.g. `LearningActivityEvidence`. */
export function evidenceSchemaName(kind: EvidenceKind): string {
  return `${kind.replace(/(^|-)([a-z])/g, (_, _dash: string, letter: string) => letter.toUpperCase())}Evidence`;
}

/**
 * The body schema of each evidence kind, closed (a property it does not name is refused), from the
 * definitions `parseEvidence` reads with.
 */
export function evidenceBodySchemas(): Record<string, Schema> {
  return Object.fromEntries(
    EVIDENCE_KINDS.map((kind) => {
      const fields = [...COMMON_FIELDS, ...KIND_FIELDS[kind]];
      const schema = {
        type: 'object',
        title: kind,
        required: ['kind', ...fields.flatMap((f) => f.required)],
        additionalProperties: false,
        properties: Object.assign({ kind: { type: 'string', enum: [kind] } }, ...fields.map((f) => f.properties)),
      };
      return [evidenceSchemaName(kind), schema];
    }),
  );
}

/** The body of `POST /api/workers/:id/evidence`: one of the kinds' schemas, told apart by `kind`. */
export const EVIDENCE_BODY = {
  oneOf: EVIDENCE_KINDS.map((kind) => ({ $ref: `#/components/schemas/${evidenceSchemaName(kind)}` })),
  discriminator: {
    propertyName: 'kind',
    mapping: Object.fromEntries(
      EVIDENCE_KINDS.map((kind) => [kind, `#/components/schemas/${evidenceSchemaName(kind)}`]),
    ),
  },
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
  const value = b[field] === undefined ? [] : b[field];
  if (!Array.isArray(value)) return invalid(field, 'must be an array of indicator ids');
  return value.map((v, i) => indicator(v, `${field}[${i}]`));
}

function capabilityIds(b: Body): string[] {
  const value = b.capabilityIds === undefined ? [] : b.capabilityIds;
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
