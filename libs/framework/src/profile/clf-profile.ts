import { STAGE_NAMES } from '../catalogue/types.js';
import { XAPI_PROFILES_CONTEXT_IRI } from './profile-schema.js';
import {
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_PATTERNS as P,
  CLF_PROFILE_ID,
  CLF_PROFILE_VERSION_ID,
  CLF_PROFILE_VERSION_IDS,
  CLF_TEMPLATES as S,
  CLF_VERBS as V,
  EVIDENCE_SOURCES,
  FEEDBACK_SOURCES,
  PLAN_ITEM_STATUSES,
  SCQF_LEVELS,
  SVQ_LEVELS,
} from './vocabulary.js';

// The CLF xAPI profile (xAPI Profiles 1.0), version 1.1. Every template is told apart from the others by its
// verb and object activity type, so a statement matches at most one template, as the specification recommends.
//
// v1.1 (a revision of v1.0) adds the qualification template with its verb, activity type and the scqf-level,
// svq-level and awarding-body activity extensions, and the plan-item-status result extension as a recommended
// rule of the learning plan item template. Every v1.0 id, verb, activity type, extension and rule stays; the
// category rule of the v1.0 templates accepts either version; the definitions of completed and formal learning
// point at the qualification template. As the specification asks, every concept, template and pattern is
// inScheme the version this document describes (v1.1).

type LanguageMap = Readonly<Record<string, string>>;
const en = (text: string): LanguageMap => ({ en: text });
const inScheme = CLF_PROFILE_VERSION_ID;

const extensionPath = (where: 'context' | 'result' | 'object.definition', iri: string) =>
  `$.${where}.extensions['${iri}']`;

function concept(type: string, id: string, prefLabel: string, definition: string, extra: object = {}) {
  return { id, type, inScheme, prefLabel: en(prefLabel), definition: en(definition), ...extra };
}

const verbs = [
  concept(
    'Verb',
    V.demonstrated,
    'demonstrated',
    'The actor, a social service worker, was judged on one CLF indicator (the object). result.success is true when the indicator is evidenced and false when it was judged not yet evidenced. The statement timestamp is when the evidence happened.',
  ),
  concept(
    'Verb',
    V.completed,
    'completed',
    'The actor, a social service worker, completed a learning activity: formal (a course, an SVQ unit, study towards a qualification, an induction pack) or informal (work shadowing, mentoring, a learning community, reading).',
    { broadMatch: ['http://adlnet.gov/expapi/verbs/completed'] },
  ),
  concept(
    'Verb',
    V.reflected,
    'reflected',
    'The actor, a social service worker, wrote a reflective account of their practice (the object); result.response holds the account or a summary of it.',
  ),
  concept(
    'Verb',
    V.receivedFeedback,
    'received feedback',
    'The actor, a social service worker, received feedback (the object) on their practice from a line manager, colleague, person who uses services, carer, or themselves (self assessment).',
  ),
  concept(
    'Verb',
    V.wasAssessed,
    'was assessed',
    'The actor, a social service worker, was assessed (the object, e.g. an observation of practice or an SVQ unit assessment); result.success says whether the assessment was passed.',
  ),
  concept(
    'Verb',
    V.identifiedLearningNeed,
    'identified learning need',
    'The actor, a social service worker, identified a learning need (the object), usually with their line manager in supervision or a performance review.',
  ),
  concept(
    'Verb',
    V.planned,
    'planned',
    'The actor, a social service worker, added an item (the object) to their learning and development plan.',
  ),
  concept(
    'Verb',
    V.hadPriorLearningRecognised,
    'had prior learning recognised',
    'Prior learning of the actor, a social service worker, formal or informal (the object), was recognised, for personal and career development or for credit.',
  ),
  concept(
    'Verb',
    V.answered,
    'answered',
    'The actor, answering for an organisation in its self-audit, recorded reflections or evidence (result.response) for an audit question (the object).',
  ),
  concept(
    'Verb',
    V.selfAssessed,
    'self-assessed',
    'The actor, answering for an organisation in its self-audit, assessed whether the organisation can evidence one organisational capability indicator (the object); result.success is the answer to "Achieved? (Yes/No)".',
  ),
  concept(
    'Verb',
    V.gainedQualification,
    'gained qualification',
    'The actor, a social service worker, gained a qualification or award (the object), e.g. an SVQ or an HNC: it was awarded to them. The statement timestamp is when it was awarded.',
  ),
];

const activityTypes = [
  concept(
    'ActivityType',
    T.indicator,
    'CLF indicator',
    'One indicator of a CLF capability at one stage. The activity id is the indicator IRI published at GET /api/framework (e.g. https://w3id.org/xapi/clf/indicators/self-confidence/engaged/1).',
  ),
  concept(
    'ActivityType',
    T.capability,
    'CLF capability',
    'A CLF personal or organisational capability. The activity id is the capability IRI published at GET /api/framework. Used in context.contextActivities.other to link a statement to the capability it is evidence for.',
  ),
  concept(
    'ActivityType',
    T.formalLearning,
    'formal learning activity',
    'Formal learning: a training course, an SVQ unit, study towards a qualification or award, an induction pack or programme. A qualification gained has its own template (v1.1).',
  ),
  concept(
    'ActivityType',
    T.informalLearning,
    'informal learning activity',
    'Informal learning: work shadowing, mentoring, a learning community or action learning set, reading, observation and note taking.',
  ),
  concept(
    'ActivityType',
    T.reflectiveAccount,
    'reflective account',
    'A reflective account written by a worker about their practice.',
  ),
  concept('ActivityType', T.feedback, 'feedback', "An item of feedback on a worker's practice."),
  concept(
    'ActivityType',
    T.assessment,
    'assessment',
    'An assessment of a worker, e.g. an observation of practice or an assessment for an SVQ unit.',
  ),
  concept('ActivityType', T.learningNeed, 'learning need', 'A learning need of a worker.'),
  concept(
    'ActivityType',
    T.learningPlanItem,
    'learning plan item',
    "An item of a worker's learning and development plan.",
  ),
  concept(
    'ActivityType',
    T.priorLearning,
    'prior learning',
    'Learning a worker gained before, formally or informally, put forward for recognition.',
  ),
  concept(
    'ActivityType',
    T.auditQuestion,
    'audit question',
    'A question of an area for reflection in the CLF organisational self-audit. The activity id is the question IRI published at GET /api/framework/audit.',
  ),
  concept(
    'ActivityType',
    T.qualification,
    'qualification',
    'A qualification or award, e.g. an SVQ, an HNC or a certificate. definition.name is its title; its SCQF level, SVQ level and awarding body are the scqf-level, svq-level and awarding-body activity extensions of this profile.',
  ),
];

const extensions = [
  concept(
    'ContextExtension',
    X.evidenceSource,
    'evidence source',
    `Who the evidence or feedback came from: one of ${EVIDENCE_SOURCES.join(', ')}.`,
    {
      recommendedVerbs: [V.demonstrated, V.receivedFeedback],
      inlineSchema: JSON.stringify({ type: 'string', enum: EVIDENCE_SOURCES }),
    },
  ),
  concept(
    'ContextExtension',
    X.learningKind,
    'kind of learning',
    'What kind of learning activity this was, in the sender\'s words (e.g. "course", "SVQ unit", "induction", "shadowing", "mentoring", "learning community", "reading").',
    { recommendedVerbs: [V.completed], inlineSchema: JSON.stringify({ type: 'string', minLength: 1 }) },
  ),
  concept(
    'ContextExtension',
    X.targetStage,
    'target stage',
    'The stage of progression a learning need or plan item aims at, on the capability in context.contextActivities.other.',
    {
      recommendedVerbs: [V.identifiedLearningNeed, V.planned],
      inlineSchema: JSON.stringify({ type: 'string', enum: STAGE_NAMES }),
    },
  ),
  concept(
    'ContextExtension',
    X.organisation,
    'organisation',
    'The identifier of the organisation a self-audit statement is about, as registered with the learning record store.',
    { recommendedVerbs: [V.answered, V.selfAssessed], inlineSchema: JSON.stringify({ type: 'string', minLength: 1 }) },
  ),
  concept(
    'ResultExtension',
    X.scqfCreditPoints,
    'SCQF credit points',
    'Scottish Credit and Qualifications Framework credit points gained by the learning or recognised for it.',
    {
      recommendedVerbs: [V.completed, V.hadPriorLearningRecognised],
      inlineSchema: JSON.stringify({ type: 'number', minimum: 0 }),
    },
  ),
  concept(
    'ActivityExtension',
    X.scqfLevel,
    'SCQF level',
    "The level of a qualification on the Scottish Credit and Qualifications Framework: a whole number from 1 to 12. In the qualification's activity definition (object.definition.extensions).",
    {
      recommendedActivityTypes: [T.qualification],
      inlineSchema: JSON.stringify({ type: 'integer', minimum: 1, maximum: 12 }),
    },
  ),
  concept(
    'ActivityExtension',
    X.svqLevel,
    'SVQ level',
    "The level of a Scottish Vocational Qualification (SVQ): a whole number from 1 to 5, e.g. 2 for an SVQ level 2. In the qualification's activity definition (object.definition.extensions).",
    {
      recommendedActivityTypes: [T.qualification],
      inlineSchema: JSON.stringify({ type: 'integer', minimum: 1, maximum: 5 }),
    },
  ),
  concept(
    'ActivityExtension',
    X.awardingBody,
    'awarding body',
    'The body that awarded a qualification, by name, e.g. "SQA" (the Scottish Qualifications Authority). In the qualification\'s activity definition (object.definition.extensions).',
    { recommendedActivityTypes: [T.qualification], inlineSchema: JSON.stringify({ type: 'string', minLength: 1 }) },
  ),
  concept(
    'ResultExtension',
    X.planItemStatus,
    'plan item status',
    `The status of a learning plan item as of the statement's timestamp: one of ${PLAN_ITEM_STATUSES.join(', ')}. Without it, a plan item is completed when result.completion is true and planned otherwise.`,
    { recommendedVerbs: [V.planned], inlineSchema: JSON.stringify({ type: 'string', enum: PLAN_ITEM_STATUSES }) },
  ),
];

const worker = { location: '$.actor.objectType', none: ['Group'], scopeNote: en('The actor is the worker, an Agent.') };
const timestamp = {
  location: '$.timestamp',
  presence: 'included',
  scopeNote: en(
    'When the learning or evidence happened, not when it was sent: it places the statement in time for every view.',
  ),
};
/** The profile versions a statement following a template may name in its category: those that have the template. */
const categorySince = (version: keyof typeof CLF_PROFILE_VERSION_IDS) => ({
  location: '$.context.contextActivities.category[*].id',
  presence: 'recommended',
  any: Object.values(CLF_PROFILE_VERSION_IDS).slice(Object.keys(CLF_PROFILE_VERSION_IDS).indexOf(version)),
});
const linkedCapabilities = {
  location: '$.context.contextActivities.other[*].definition.type',
  presence: 'recommended',
  any: [T.capability, T.indicator],
  scopeNote: en('Capabilities or indicators this is evidence for, as activities with their catalogue IRIs.'),
};
const duration = {
  location: '$.result.duration',
  presence: 'included',
  scopeNote: en('ISO 8601 duration of the learning, e.g. PT3H30M.'),
};

function template(
  id: string,
  prefLabel: string,
  definition: string,
  verb: string,
  objectActivityType: string,
  rules: object[],
  since: keyof typeof CLF_PROFILE_VERSION_IDS = 'v1.0',
) {
  return {
    id,
    type: 'StatementTemplate',
    inScheme,
    prefLabel: en(prefLabel),
    definition: en(definition),
    verb,
    objectActivityType,
    rules: [...rules, categorySince(since)],
  };
}

const soloTemplate = (...args: Parameters<typeof template>) => ({ ...template(...args), allowedSolo: true });

const auditRules = [
  { location: extensionPath('context', X.organisation), presence: 'included' },
  {
    location: '$.context.registration',
    presence: 'included',
    scopeNote: en('One registration per audit round: every answer of one audit shares it.'),
  },
  timestamp,
];

const templates = [
  soloTemplate(
    S.indicatorEvidence,
    'indicator evidence',
    'Evidence of one CLF indicator for a worker. Actor: the worker. Object: an Activity whose id is the indicator IRI. result.success: true when evidenced, false when judged not yet evidenced. Optional context.instructor: the assessor. Optional evidence-source context extension. Send it on its own whenever evidence is judged.',
    V.demonstrated,
    T.indicator,
    [
      worker,
      { location: '$.object.id', presence: 'included', scopeNote: en('An indicator IRI from GET /api/framework.') },
      { location: '$.result.success', presence: 'included', any: [true, false] },
      {
        location: '$.context.instructor',
        presence: 'recommended',
        scopeNote: en('The assessor who judged the evidence.'),
      },
      { location: extensionPath('context', X.evidenceSource), presence: 'recommended', any: [...EVIDENCE_SOURCES] },
      timestamp,
    ],
  ),
  soloTemplate(
    S.formalLearning,
    'formal learning activity',
    'A worker completed a formal learning activity (course, SVQ unit, induction). Send it on its own when the activity is completed. For a qualification gained, use the qualification template (v1.1).',
    V.completed,
    T.formalLearning,
    [
      worker,
      duration,
      { location: extensionPath('context', X.learningKind), presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
  ),
  soloTemplate(
    S.informalLearning,
    'informal learning activity',
    'A worker completed an informal learning activity (shadowing, mentoring, learning community, reading). Send it on its own when the activity is completed.',
    V.completed,
    T.informalLearning,
    [
      worker,
      duration,
      { location: extensionPath('context', X.learningKind), presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
  ),
  soloTemplate(
    S.reflectiveAccount,
    'reflective account',
    'A worker wrote a reflective account of their practice. Send it on its own when the account is written.',
    V.reflected,
    T.reflectiveAccount,
    [worker, { location: '$.result.response', presence: 'included' }, linkedCapabilities, timestamp],
  ),
  soloTemplate(
    S.feedback,
    'feedback',
    'A worker received feedback on their practice. The evidence-source context extension says who from; context.instructor may identify the giver. Send it on its own when the feedback is given.',
    V.receivedFeedback,
    T.feedback,
    [
      worker,
      { location: extensionPath('context', X.evidenceSource), presence: 'included', any: [...FEEDBACK_SOURCES] },
      { location: '$.result.response', presence: 'recommended', scopeNote: en('The feedback, or a summary of it.') },
      { location: '$.context.instructor', presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
  ),
  soloTemplate(
    S.assessment,
    'assessment',
    'A worker was assessed. result.success: passed or not; context.instructor: the assessor. Send it on its own when the assessment is decided. For one indicator, use the indicator evidence template instead.',
    V.wasAssessed,
    T.assessment,
    [
      worker,
      { location: '$.result.success', presence: 'included', any: [true, false] },
      { location: '$.context.instructor', presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
  ),
  soloTemplate(
    S.learningNeed,
    'learning need',
    'A worker identified a learning need, usually agreed with their line manager (context.instructor). Link the capability or indicators in context.contextActivities.other and the aimed-at stage in the target-stage extension. Sent on its own, or first in a learning plan pattern followed by its plan items.',
    V.identifiedLearningNeed,
    T.learningNeed,
    [
      worker,
      linkedCapabilities,
      { location: extensionPath('context', X.targetStage), presence: 'recommended', any: [...STAGE_NAMES] },
      { location: '$.context.instructor', presence: 'recommended' },
      timestamp,
    ],
  ),
  soloTemplate(
    S.learningPlanItem,
    'learning plan item',
    'A worker added an item to their learning and development plan, or its status changed (the plan-item-status result extension, v1.1). Sent on its own, or after its learning need in a learning plan pattern.',
    V.planned,
    T.learningPlanItem,
    [
      worker,
      linkedCapabilities,
      { location: extensionPath('context', X.targetStage), presence: 'recommended', any: [...STAGE_NAMES] },
      {
        location: extensionPath('result', X.planItemStatus),
        presence: 'recommended',
        any: [...PLAN_ITEM_STATUSES],
        scopeNote: en(
          "The item's status as of the timestamp (v1.1). Without it: completed when result.completion is true, planned otherwise.",
        ),
      },
      timestamp,
    ],
  ),
  soloTemplate(
    S.priorLearning,
    'recognition of prior learning',
    'Prior learning of a worker was recognised. context.instructor: who recognised it. Send it on its own when recognition is decided.',
    V.hadPriorLearningRecognised,
    T.priorLearning,
    [
      worker,
      { location: '$.result.success', presence: 'recommended', any: [true, false] },
      { location: extensionPath('result', X.scqfCreditPoints), presence: 'recommended' },
      { location: '$.context.instructor', presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
  ),
  soloTemplate(
    S.qualification,
    'qualification gained',
    'A worker gained a qualification or award. Object: the qualification (activity type qualification), definition.name its title, and in definition.extensions its SCQF level, SVQ level and awarding body. result.duration, when given, is how long the learning for it took. Send it on its own when the qualification is awarded. New in v1.1: before, a qualification was sent as a formal learning activity with learning-kind "qualification", which is still understood.',
    V.gainedQualification,
    T.qualification,
    [
      worker,
      {
        location: '$.object.definition.name',
        presence: 'included',
        scopeNote: en(
          'The qualification\'s title, e.g. "SVQ Social Services and Healthcare level 2"; a job role\'s required qualifications are compared with it.',
        ),
      },
      {
        location: '$.result.success',
        presence: 'recommended',
        none: [false],
        scopeNote: en('A qualification not (yet) gained is not this template.'),
      },
      {
        location: '$.result.duration',
        presence: 'recommended',
        scopeNote: en(
          'ISO 8601 duration of the learning towards the qualification; it counts towards hours of learning.',
        ),
      },
      { location: extensionPath('object.definition', X.scqfLevel), presence: 'recommended', any: [...SCQF_LEVELS] },
      { location: extensionPath('object.definition', X.svqLevel), presence: 'recommended', any: [...SVQ_LEVELS] },
      { location: extensionPath('object.definition', X.awardingBody), presence: 'recommended' },
      linkedCapabilities,
      timestamp,
    ],
    'v1.1',
  ),
  template(
    S.auditAnswer,
    'organisational self-audit answer',
    "Reflections or evidence recorded for one audit question of an organisation's self-audit. result.response: the reflections/evidence. Part of the organisational self-audit pattern.",
    V.answered,
    T.auditQuestion,
    [{ location: '$.result.response', presence: 'included' }, ...auditRules],
  ),
  template(
    S.auditIndicatorSelfAssessment,
    'organisational self-audit indicator assessment',
    "An organisation's self-assessment of one organisational capability indicator (a self-assessment chart row, or a staff-perception indicator judged from the staff survey). result.success: achieved or not. Part of the organisational self-audit pattern.",
    V.selfAssessed,
    T.indicator,
    [{ location: '$.result.success', presence: 'included', any: [true, false] }, ...auditRules],
  ),
];

const patterns = [
  {
    id: P.learningPlan,
    type: 'Pattern',
    inScheme,
    primary: true,
    prefLabel: en('learning plan'),
    definition: en('A learning need followed by the plan items agreed to meet it, under one registration.'),
    sequence: [S.learningNeed, P.learningPlanItems],
  },
  {
    id: P.learningPlanItems,
    type: 'Pattern',
    inScheme,
    prefLabel: en('learning plan items'),
    definition: en('One or more learning plan items.'),
    oneOrMore: S.learningPlanItem,
  },
  {
    id: P.organisationalSelfAudit,
    type: 'Pattern',
    inScheme,
    primary: true,
    prefLabel: en('organisational self-audit'),
    definition: en(
      "One round of an organisation's CLF self-audit under one registration: answers to audit questions and self-assessments of indicators, in any order.",
    ),
    oneOrMore: P.auditEntries,
  },
  {
    id: P.auditEntries,
    type: 'Pattern',
    inScheme,
    prefLabel: en('self-audit entry'),
    definition: en('An audit answer or an indicator self-assessment.'),
    alternates: [S.auditAnswer, S.auditIndicatorSelfAssessment],
  },
];

export const clfProfile = {
  '@context': XAPI_PROFILES_CONTEXT_IRI,
  id: CLF_PROFILE_ID,
  type: 'Profile',
  conformsTo: 'https://w3id.org/xapi/profiles#1.0',
  prefLabel: en('Continuous Learning Framework (CLF) for social services in Scotland'),
  definition: en(
    'How learning activities, qualifications, reflective accounts, feedback, assessments, learning needs and plans, recognition of prior learning, evidence of CLF indicators and organisational self-audit answers are recorded as xAPI statements. The CLF capabilities, indicators and audit questions, with their IRIs, are published by the Continuum platform at GET /api/framework.',
  ),
  // Newest first; v1.1 is the version this document describes (CLF_PROFILE_VERSION_ID).
  versions: [
    {
      id: CLF_PROFILE_VERSION_IDS['v1.1'],
      wasRevisionOf: [CLF_PROFILE_VERSION_IDS['v1.0']],
      generatedAtTime: '2026-11-23T00:00:00Z',
    },
    { id: CLF_PROFILE_VERSION_IDS['v1.0'], generatedAtTime: '2026-01-15T00:00:00Z' },
  ],
  author: { type: 'Organization', name: 'Continuum' },
  concepts: [...verbs, ...activityTypes, ...extensions],
  templates,
  patterns,
} as const;

export type ClfProfile = typeof clfProfile;
