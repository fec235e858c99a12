import { allAuditQuestions } from '../catalogue/audit.js';
import { findCapabilityByIri, findIndicatorByIri } from '../catalogue/catalogue.js';
import { STAGE_NAMES, type StageName } from '../catalogue/types.js';
import {
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_VERBS as V,
  EVIDENCE_SOURCES,
  FEEDBACK_SOURCES,
  PLAN_ITEM_STATUSES,
  QUALIFICATION_LEARNING_KIND,
  SCQF_LEVELS,
  SVQ_LEVELS,
  type EvidenceSource,
  type FeedbackSource,
  type PlanItemStatus,
} from '../profile/vocabulary.js';

/** An xAPI Agent or Group as it appears in a statement; kept as sent. */
export type XapiActor = Readonly<Record<string, unknown>>;

interface Linked {
  /** Capabilities and indicators named in context.contextActivities.other, when they are in the catalogue. */
  readonly linkedCapabilityIds: readonly string[];
  readonly linkedIndicatorIds: readonly string[];
}

interface Occurred {
  /** When it happened: the statement's timestamp (which the LRS sets to stored when the sender gave none). */
  readonly occurredAt: string;
}

export type ClfFact =
  | ({
      readonly kind: 'indicator-evidenced';
      readonly indicatorId: string;
      readonly capabilityId: string;
      readonly evidenced: boolean;
      readonly source?: EvidenceSource;
      readonly assessor?: XapiActor;
    } & Occurred)
  | ({
      readonly kind: 'learning-activity';
      readonly mode: 'formal' | 'informal';
      readonly activityId: string;
      readonly name?: string;
      readonly duration: string;
      /** Undefined when the duration uses years or months, which have no fixed length. */
      readonly durationSeconds?: number;
      readonly learningKind?: string;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'qualification-gained';
      /**
       * `qualification`: the qualification template (v1.1). `formal-learning`: the form before v1.1, formal learning
       * with learning-kind "qualification", still recognised so that statements stored earlier keep counting.
       */
      readonly form: 'qualification' | 'formal-learning';
      readonly activityId: string;
      readonly name?: string;
      readonly scqfLevel?: number;
      readonly svqLevel?: number;
      readonly awardingBody?: string;
      readonly duration?: string;
      readonly durationSeconds?: number;
    } & Linked &
      Occurred)
  | ({ readonly kind: 'reflective-account'; readonly activityId: string; readonly account: string } & Linked & Occurred)
  | ({
      readonly kind: 'feedback';
      readonly activityId: string;
      readonly source: FeedbackSource;
      readonly giver?: XapiActor;
      readonly feedback?: string;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'assessment';
      readonly activityId: string;
      readonly name?: string;
      readonly passed: boolean;
      readonly assessor?: XapiActor;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'learning-need';
      readonly activityId: string;
      readonly name?: string;
      readonly targetStage?: StageName;
      readonly agreedWith?: XapiActor;
      readonly registration?: string;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'learning-plan-item';
      readonly activityId: string;
      readonly name?: string;
      /** The plan-item-status extension; without it, completed when result.completion is true, else planned. */
      readonly status: PlanItemStatus;
      readonly targetStage?: StageName;
      readonly registration?: string;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'prior-learning-recognised';
      readonly activityId: string;
      readonly name?: string;
      readonly recognised: boolean;
      readonly creditPoints?: number;
      readonly recognisedBy?: XapiActor;
    } & Linked &
      Occurred)
  | ({
      readonly kind: 'audit-answer';
      readonly organisationId: string;
      /** The audit round: the statement's registration. */
      readonly auditId: string;
      readonly questionId: string;
      readonly capabilityId: string;
      readonly response: string;
    } & Occurred)
  | ({
      readonly kind: 'audit-indicator-assessed';
      readonly organisationId: string;
      readonly auditId: string;
      readonly indicatorId: string;
      readonly capabilityId: string;
      readonly achieved: boolean;
      /** result.response: the evidence for the answer, when given. */
      readonly evidence?: string;
    } & Occurred)
  | {
      readonly kind: 'learning-record';
      /** Why a statement that looked like a CLF template was not recognised as one; absent for plain records. */
      readonly reason?: string;
    };

export type ClfFactKind = ClfFact['kind'];

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});
const str = (v: unknown): string | undefined => (typeof v === 'string' && v.length > 0 ? v : undefined);

class NotRecognised extends Error {}
const reject = (reason: string): never => {
  throw new NotRecognised(reason);
};

/** Reads what the CLF templates look at in a statement, with contextActivities normalised to arrays. */
function read(statement: Obj) {
  const object = obj(statement.object);
  const definition = obj(object.definition);
  const activityExtensions = obj(definition.extensions);
  const result = obj(statement.result);
  const context = obj(statement.context);
  const contextExtensions = obj(context.extensions);
  const other = obj(context.contextActivities).other;
  const others = (Array.isArray(other) ? other : other === undefined ? [] : [other]).map(obj);
  const name = obj(definition.name);
  return {
    verb: str(obj(statement.verb).id),
    objectIsActivity: object.objectType === undefined || object.objectType === 'Activity',
    objectId: str(object.id),
    objectType: str(definition.type),
    objectName: str(name['en']) ?? str(Object.values(name)[0]),
    result,
    context,
    contextExtensions,
    resultExtensions: obj(result.extensions),
    activityExtensions,
    instructor: isObj(context.instructor) ? context.instructor : undefined,
    registration: str(context.registration),
    otherIds: others.map((a) => str(a.id)).filter((id): id is string => id !== undefined),
    occurredAt: str(statement.timestamp) ?? str(statement.stored),
  };
}
type Read = ReturnType<typeof read>;

function linked(r: Read): Linked {
  return {
    linkedCapabilityIds: r.otherIds.flatMap((iri) => findCapabilityByIri(iri)?.id ?? []),
    linkedIndicatorIds: r.otherIds.flatMap((iri) => findIndicatorByIri(iri)?.id ?? []),
  };
}

const occurred = (r: Read): Occurred => ({ occurredAt: r.occurredAt ?? reject('the statement has no timestamp') });
const objectId = (r: Read): string => r.objectId ?? reject('the object has no id');
const success = (r: Read): boolean =>
  typeof r.result.success === 'boolean' ? r.result.success : reject('result.success must be true or false');

function oneOf<V extends string>(values: readonly V[], value: unknown, what: string): V | undefined {
  if (value === undefined) return undefined;
  return values.includes(value as V) ? (value as V) : reject(`${what} must be one of ${values.join(', ')}`);
}

const targetStage = (r: Read) => oneOf(STAGE_NAMES, r.contextExtensions[X.targetStage], 'the target-stage extension');
const optional = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);

/** ISO 8601 duration to seconds, for the units that have a fixed length. */
export function durationToSeconds(duration: string): number | undefined {
  const m =
    /^P(?:(\d+(?:\.\d+)?)W)?(?:(\d+(?:\.\d+)?)D)?(?:T(?:(\d+(?:\.\d+)?)H)?(?:(\d+(?:\.\d+)?)M)?(?:(\d+(?:\.\d+)?)S)?)?$/.exec(
      duration,
    );
  if (!m || duration === 'P' || duration.endsWith('T')) return undefined;
  const [w, d, h, min, s] = m.slice(1).map((x) => (x === undefined ? 0 : Number(x)));
  return w! * 604_800 + d! * 86_400 + h! * 3_600 + min! * 60 + s!;
}

function audit(r: Read) {
  return {
    organisationId: str(r.contextExtensions[X.organisation]) ?? reject('the organisation extension is missing'),
    auditId: r.registration ?? reject('context.registration (the audit round) is missing'),
  };
}

type Recogniser = (r: Read) => ClfFact;

function learningActivity(mode: 'formal' | 'informal'): Recogniser {
  return (r) => {
    const duration = str(r.result.duration) ?? reject('result.duration is missing');
    const seconds = durationToSeconds(duration);
    if (mode === 'formal' && r.contextExtensions[X.learningKind] === QUALIFICATION_LEARNING_KIND)
      return legacyQualification(r, duration);
    return {
      kind: 'learning-activity',
      mode,
      activityId: objectId(r),
      ...optional('name', r.objectName),
      duration,
      ...optional('durationSeconds', seconds),
      ...optional('learningKind', str(r.contextExtensions[X.learningKind])),
      ...linked(r),
      ...occurred(r),
    };
  };
}

/** A level extension: a whole number in its range, or undefined when absent. */
function level(r: Read, iri: string, levels: readonly number[], what: string): number | undefined {
  const value = r.activityExtensions[iri];
  if (value === undefined) return undefined;
  return levels.includes(value as number)
    ? (value as number)
    : reject(`the ${what} extension must be a whole number from ${levels[0]} to ${levels.at(-1)}`);
}

function awardingBody(r: Read): string | undefined {
  const value = r.activityExtensions[X.awardingBody];
  return value === undefined
    ? undefined
    : (str(value) ?? reject('the awarding-body extension must be a non-empty string'));
}

/** Reads an extension leniently: a statement of the pre-v1.1 form keeps counting even if one of them is malformed. */
function lenient<V>(read: () => V | undefined): V | undefined {
  try {
    return read();
  } catch (e) {
    if (e instanceof NotRecognised) return undefined;
    throw e;
  }
}

function qualificationDetails(r: Read, duration: string | undefined, strict: boolean) {
  const read = <V>(f: () => V | undefined) => (strict ? f() : lenient(f));
  return {
    activityId: objectId(r),
    ...optional('name', r.objectName),
    ...optional(
      'scqfLevel',
      read(() => level(r, X.scqfLevel, SCQF_LEVELS, 'scqf-level')),
    ),
    ...optional(
      'svqLevel',
      read(() => level(r, X.svqLevel, SVQ_LEVELS, 'svq-level')),
    ),
    ...optional(
      'awardingBody',
      read(() => awardingBody(r)),
    ),
    ...optional('duration', duration),
    ...optional('durationSeconds', duration === undefined ? undefined : durationToSeconds(duration)),
    ...linked(r),
    ...occurred(r),
  };
}

/** The form before v1.1: formal learning with learning-kind "qualification", levels in the activity definition. */
function legacyQualification(r: Read, duration: string): ClfFact {
  return { kind: 'qualification-gained', form: 'formal-learning', ...qualificationDetails(r, duration, false) };
}

function qualification(r: Read): ClfFact {
  if (!r.objectName) reject("object.definition.name (the qualification's title) is missing");
  if (r.result.success === false) reject('result.success is false: the qualification was not gained');
  return {
    kind: 'qualification-gained',
    form: 'qualification',
    ...qualificationDetails(r, str(r.result.duration), true),
  };
}

function planItemStatus(r: Read): PlanItemStatus {
  const status = oneOf(PLAN_ITEM_STATUSES, r.resultExtensions[X.planItemStatus], 'the plan-item-status extension');
  return status ?? (r.result.completion === true ? 'completed' : 'planned');
}

// Keyed by verb and object activity type: the determining properties of the profile's templates.
const recognisers: ReadonlyMap<string, Recogniser> = new Map<string, Recogniser>([
  [
    `${V.demonstrated} ${T.indicator}`,
    (r) => {
      const indicator = findIndicatorByIri(objectId(r)) ?? reject(`${r.objectId} is not an indicator of the catalogue`);
      return {
        kind: 'indicator-evidenced',
        indicatorId: indicator.id,
        capabilityId: indicator.capabilityId,
        evidenced: success(r),
        ...optional(
          'source',
          oneOf(EVIDENCE_SOURCES, r.contextExtensions[X.evidenceSource], 'the evidence-source extension'),
        ),
        ...optional('assessor', r.instructor),
        ...occurred(r),
      };
    },
  ],
  [`${V.completed} ${T.formalLearning}`, learningActivity('formal')],
  [`${V.completed} ${T.informalLearning}`, learningActivity('informal')],
  [`${V.gainedQualification} ${T.qualification}`, qualification],
  [
    `${V.reflected} ${T.reflectiveAccount}`,
    (r) => ({
      kind: 'reflective-account',
      activityId: objectId(r),
      account: str(r.result.response) ?? reject('result.response (the account) is missing'),
      ...linked(r),
      ...occurred(r),
    }),
  ],
  [
    `${V.receivedFeedback} ${T.feedback}`,
    (r) => ({
      kind: 'feedback',
      activityId: objectId(r),
      source:
        oneOf(FEEDBACK_SOURCES, r.contextExtensions[X.evidenceSource], 'the evidence-source extension') ??
        reject('the evidence-source extension (who gave the feedback) is missing'),
      ...optional('giver', r.instructor),
      ...optional('feedback', str(r.result.response)),
      ...linked(r),
      ...occurred(r),
    }),
  ],
  [
    `${V.wasAssessed} ${T.assessment}`,
    (r) => ({
      kind: 'assessment',
      activityId: objectId(r),
      ...optional('name', r.objectName),
      passed: success(r),
      ...optional('assessor', r.instructor),
      ...linked(r),
      ...occurred(r),
    }),
  ],
  [
    `${V.identifiedLearningNeed} ${T.learningNeed}`,
    (r) => ({
      kind: 'learning-need',
      activityId: objectId(r),
      ...optional('name', r.objectName),
      ...optional('targetStage', targetStage(r)),
      ...optional('agreedWith', r.instructor),
      ...optional('registration', r.registration),
      ...linked(r),
      ...occurred(r),
    }),
  ],
  [
    `${V.planned} ${T.learningPlanItem}`,
    (r) => ({
      kind: 'learning-plan-item',
      activityId: objectId(r),
      ...optional('name', r.objectName),
      status: planItemStatus(r),
      ...optional('targetStage', targetStage(r)),
      ...optional('registration', r.registration),
      ...linked(r),
      ...occurred(r),
    }),
  ],
  [
    `${V.hadPriorLearningRecognised} ${T.priorLearning}`,
    (r) => {
      const credit = r.resultExtensions[X.scqfCreditPoints];
      if (credit !== undefined && (typeof credit !== 'number' || credit < 0))
        reject('SCQF credit points must be a number >= 0');
      return {
        kind: 'prior-learning-recognised',
        activityId: objectId(r),
        ...optional('name', r.objectName),
        // Recognition is the point of the statement; only an explicit false says it was refused.
        recognised: r.result.success !== false,
        ...optional('creditPoints', credit as number | undefined),
        ...optional('recognisedBy', r.instructor),
        ...linked(r),
        ...occurred(r),
      };
    },
  ],
  [
    `${V.answered} ${T.auditQuestion}`,
    (r) => {
      const question =
        allAuditQuestions.find((q) => q.iri === r.objectId) ??
        reject(`${r.objectId} is not an audit question of the catalogue`);
      return {
        kind: 'audit-answer',
        ...audit(r),
        questionId: question.id,
        capabilityId: question.capabilityId,
        response: str(r.result.response) ?? reject('result.response (the reflections/evidence) is missing'),
        ...occurred(r),
      };
    },
  ],
  [
    `${V.selfAssessed} ${T.indicator}`,
    (r) => {
      const indicator = findIndicatorByIri(objectId(r));
      if (!indicator || indicator.role === 'personal')
        return reject(`${r.objectId} is not an organisational capability indicator`);
      return {
        kind: 'audit-indicator-assessed',
        ...audit(r),
        indicatorId: indicator.id,
        capabilityId: indicator.capabilityId,
        achieved: success(r),
        ...optional('evidence', str(r.result.response)),
        ...occurred(r),
      };
    },
  ],
]);

/** The verb and object type of the CLF profile's self-audit templates: statements about an organisation, never a worker. */
const AUDIT_TEMPLATE_KEYS = new Set([`${V.answered} ${T.auditQuestion}`, `${V.selfAssessed} ${T.indicator}`]);

/**
 * True for a statement of the self-audit templates' form (verb and object type), recognised or not:
 * its actor answers for an organisation (a learning lead, a tool), so it is never a worker's record.
 * Also when the object is one only a self-audit has, whatever the type says or if it says none: an
 * audit question of the catalogue (by any verb), or an organisational capability's indicator
 * self-assessed. A tool that left out `definition.type` otherwise registered the learning lead as a worker.
 */
export function isAuditStatement(statement: unknown): boolean {
  if (!isObj(statement)) return false;
  const r = read(statement);
  if (!r.objectIsActivity) return false;
  if (AUDIT_TEMPLATE_KEYS.has(`${r.verb} ${r.objectType}`)) return true;
  if (r.objectId === undefined) return false;
  if (allAuditQuestions.some((q) => q.iri === r.objectId)) return true;
  return r.verb === V.selfAssessed && (findIndicatorByIri(r.objectId)?.role ?? 'personal') !== 'personal';
}

/**
 * Decides which CLF fact a stored xAPI statement means, by the CLF profile's templates; any other statement is a
 * plain learning record, which still belongs on the worker's timeline.
 */
export function recogniseStatement(statement: unknown): ClfFact {
  if (!isObj(statement)) return { kind: 'learning-record', reason: 'not a statement object' };
  const r = read(statement);
  if (!r.objectIsActivity || !r.verb || !r.objectType) return { kind: 'learning-record' };
  const recogniser = recognisers.get(`${r.verb} ${r.objectType}`);
  if (!recogniser) return { kind: 'learning-record' };
  try {
    return recogniser(r);
  } catch (e) {
    if (e instanceof NotRecognised) return { kind: 'learning-record', reason: e.message };
    throw e;
  }
}
