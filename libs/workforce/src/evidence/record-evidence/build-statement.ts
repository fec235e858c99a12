import { randomUUID } from 'node:crypto';
import {
  CLF_ACTIVITY_TYPES as T,
  CLF_EXTENSIONS as X,
  CLF_PROFILE_VERSION_ID,
  CLF_VERBS as V,
  findCapability,
  findIndicator,
} from '#libs/framework';
import type { EvidenceInput } from './record-evidence.input.js';

type Json = Record<string, unknown>;

/**
 * Builds the CLF-profile statement for evidence recorded through /api, so it takes the same path as
 * the statements an LMS sends: stored in the LRS, recognised, projected. `actor` is the worker's
 * xAPI identifier; `timestamp` is when the evidence happened; the LRS sets the authority.
 */
export function buildEvidenceStatement(input: EvidenceInput, actor: Json, statementId: string = randomUUID()): Json {
  const { verb, type, extra } = templateOf(input);
  const statement: Json = {
    id: statementId,
    actor: { objectType: 'Agent', ...actor },
    verb: { id: verb, display: { en: verb.slice(verb.lastIndexOf('/') + 1).replaceAll('-', ' ') } },
    object: activity(input, type, extra.definitionExtensions),
    context: context(input, extra),
    timestamp: input.occurredAt,
  };
  if (extra.result) statement.result = extra.result;
  return statement;
}

interface Extra {
  result?: Json;
  instructor?: Json;
  contextExtensions?: Json;
  definitionExtensions?: Json;
  registration?: string;
}

function templateOf(input: EvidenceInput): { verb: string; type: string; extra: Extra } {
  switch (input.kind) {
    case 'assessment':
      return {
        verb: V.demonstrated,
        type: T.indicator,
        extra: {
          result: { success: input.evidenced, ...(input.note ? { response: input.note } : {}) },
          instructor: input.assessor,
          contextExtensions: { [X.evidenceSource]: input.source },
        },
      };
    case 'feedback':
      return {
        verb: V.receivedFeedback,
        type: T.feedback,
        extra: {
          ...(input.feedback ? { result: { response: input.feedback } } : {}),
          instructor: input.giver,
          contextExtensions: { [X.evidenceSource]: input.source },
        },
      };
    case 'learning-activity':
      return {
        verb: V.completed,
        type: input.mode === 'formal' ? T.formalLearning : T.informalLearning,
        extra: {
          result: { completion: true, duration: input.duration },
          ...(input.learningKind ? { contextExtensions: { [X.learningKind]: input.learningKind } } : {}),
        },
      };
    // The qualification template (profile v1.1). Before it, /api sent formal learning with learning-kind
    // "qualification"; recognition still counts statements of that form.
    case 'qualification':
      return {
        verb: V.gainedQualification,
        type: T.qualification,
        extra: {
          result: { completion: true, success: true, duration: input.duration },
          definitionExtensions: definedOnly({
            [X.scqfLevel]: input.scqfLevel,
            [X.svqLevel]: input.svqLevel,
            [X.awardingBody]: input.awardingBody,
          }),
        },
      };
    case 'reflective-account':
      return { verb: V.reflected, type: T.reflectiveAccount, extra: { result: { response: input.account } } };
    case 'learning-need':
      return {
        verb: V.identifiedLearningNeed,
        type: T.learningNeed,
        extra: {
          instructor: input.agreedWith,
          registration: input.registration,
          ...(input.targetStage ? { contextExtensions: { [X.targetStage]: input.targetStage } } : {}),
        },
      };
    case 'plan-item':
      return {
        verb: V.planned,
        type: T.learningPlanItem,
        extra: {
          result: { completion: input.status === 'completed', extensions: { [X.planItemStatus]: input.status } },
          registration: input.registration,
          ...(input.targetStage ? { contextExtensions: { [X.targetStage]: input.targetStage } } : {}),
        },
      };
    case 'prior-learning':
      return {
        verb: V.hadPriorLearningRecognised,
        type: T.priorLearning,
        extra: {
          result: {
            success: input.recognised,
            ...(input.creditPoints === undefined ? {} : { extensions: { [X.scqfCreditPoints]: input.creditPoints } }),
          },
          instructor: input.recognisedBy,
        },
      };
  }
}

function activity(input: EvidenceInput, type: string, definitionExtensions: Json | undefined): Json {
  const title = 'title' in input ? input.title : undefined;
  const definition: Json = { type, ...(title ? { name: { en: title } } : {}) };
  if (definitionExtensions && Object.keys(definitionExtensions).length > 0)
    definition.extensions = definitionExtensions;
  // An indicator's evidence is about the indicator itself; everything else is its own activity.
  const id = input.kind === 'assessment' ? findIndicator(input.indicatorId)!.iri : `urn:uuid:${randomUUID()}`;
  return { objectType: 'Activity', id, definition };
}

function context(input: EvidenceInput, extra: Extra): Json {
  const other = [
    ...input.capabilityIds.map((id) => ({ id: findCapability(id)!.iri, definition: { type: T.capability } })),
    ...input.indicatorIds.map((id) => ({ id: findIndicator(id)!.iri, definition: { type: T.indicator } })),
  ];
  const context: Json = {
    contextActivities: { category: [{ id: CLF_PROFILE_VERSION_ID }], ...(other.length > 0 ? { other } : {}) },
  };
  if (extra.instructor) context.instructor = extra.instructor;
  if (extra.registration) context.registration = extra.registration;
  if (extra.contextExtensions && Object.keys(extra.contextExtensions).length > 0)
    context.extensions = extra.contextExtensions;
  return context;
}

function definedOnly(values: Json): Json {
  return Object.fromEntries(Object.entries(values).filter(([, v]) => v !== undefined));
}
