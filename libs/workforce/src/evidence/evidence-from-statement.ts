import { findIndicator, isAuditStatement, recogniseStatement, type ClfFact, type XapiActor } from '#libs/framework';
import { identifierOf } from '../domain/identifiers.js';
import type { WorkerIdentifier } from '../domain/events.js';
import type { RecordKind } from './evidence-kinds.js';

const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

/** One thing recorded about a worker, from one statement: what, who, when, linked to which capabilities. */
export interface EvidenceRecord {
  statementId: string;
  kind: RecordKind;
  occurredAt: string;
  title?: string;
  capabilityIds: string[];
  indicatorIds: string[];
  durationSeconds?: number;
  source?: string;
  /** Who gave, assessed, agreed or recognised it (name, or identifier when unnamed). */
  by?: string;
  /** For an assessment of an indicator: the judgement that counts towards the stage rule. */
  indicator?: { indicatorId: string; capabilityId: string; evidenced: boolean };
  details: Record<string, unknown>;
}

export type StatementMeaning =
  | { type: 'voiding'; targetStatementId: string; occurredAt: string }
  | { type: 'record'; actor: WorkerIdentifier; actorName?: string; record: EvidenceRecord }
  /**
   * Statements about a Group, or whose actor has no identifier, belong to no worker; nor do self-audit
   * statements, whose actor answers for an organisation (libs/audit takes them).
   */
  | { type: 'not-about-a-worker' };

type Obj = Record<string, unknown>;
const obj = (v: unknown): Obj => (typeof v === 'object' && v !== null && !Array.isArray(v) ? (v as Obj) : {});

/**
 * What a stored statement means for the workforce record: the CLF fact the catalogue recognises in it,
 * turned into a record on the actor's timeline (every statement about a worker is on it, recognised or
 * not), or the withdrawal of earlier evidence when it voids another statement.
 * `statement` is as read from the LRS, with `timestamp` and `stored` set.
 */
export function evidenceFromStatement(statement: Obj): StatementMeaning {
  const timestamp = String(statement.timestamp ?? statement.stored);
  const verb = obj(statement.verb).id;
  const object = obj(statement.object);
  if (verb === VOIDED_VERB_ID && object.objectType === 'StatementRef' && typeof object.id === 'string') {
    return { type: 'voiding', targetStatementId: object.id.toLowerCase(), occurredAt: timestamp };
  }
  const actor = identifierOf(statement.actor);
  if (!actor || isAuditStatement(statement)) return { type: 'not-about-a-worker' };
  const actorName = obj(statement.actor).name;
  const fact = recogniseStatement(statement);
  const record = {
    ...recordOf(fact, statement),
    statementId: String(statement.id).toLowerCase(),
    occurredAt: 'occurredAt' in fact ? fact.occurredAt : timestamp,
  };
  return { type: 'record', actor, ...(typeof actorName === 'string' ? { actorName } : {}), record };
}

type RecordBody = Omit<EvidenceRecord, 'statementId' | 'occurredAt'>;

function recordOf(fact: ClfFact, statement: Obj): RecordBody {
  switch (fact.kind) {
    case 'indicator-evidenced': {
      const indicator = findIndicator(fact.indicatorId)!;
      return {
        kind: 'indicator-assessment',
        title: indicator.text,
        capabilityIds: [fact.capabilityId],
        indicatorIds: [fact.indicatorId],
        ...opt('source', fact.source),
        ...opt('by', who(fact.assessor)),
        indicator: { indicatorId: fact.indicatorId, capabilityId: fact.capabilityId, evidenced: fact.evidenced },
        details: { evidenced: fact.evidenced, stage: indicator.stage, ...opt('note', response(statement)) },
      };
    }
    case 'learning-activity':
      return {
        kind: 'learning-activity',
        ...opt('title', fact.name),
        ...linked(fact),
        ...opt('durationSeconds', fact.durationSeconds),
        details: {
          mode: fact.mode,
          duration: fact.duration,
          ...opt('learningKind', fact.learningKind),
          activityId: fact.activityId,
        },
      };
    // The qualification template (v1.1) and the earlier form, formal learning with learning-kind "qualification".
    case 'qualification-gained':
      return {
        kind: 'qualification',
        ...opt('title', fact.name),
        ...linked(fact),
        ...opt('durationSeconds', fact.durationSeconds),
        details: {
          ...opt('scqfLevel', fact.scqfLevel),
          ...opt('svqLevel', fact.svqLevel),
          ...opt('awardingBody', fact.awardingBody),
          ...opt('duration', fact.duration),
        },
      };
    case 'reflective-account':
      return {
        kind: 'reflective-account',
        ...opt('title', nameOf(statement)),
        ...linked(fact),
        details: { account: fact.account },
      };
    case 'feedback':
      return {
        kind: 'feedback',
        ...linked(fact),
        source: fact.source,
        ...opt('by', who(fact.giver)),
        details: { ...opt('feedback', fact.feedback) },
      };
    case 'assessment':
      return {
        kind: 'assessment',
        ...opt('title', fact.name),
        ...linked(fact),
        ...opt('by', who(fact.assessor)),
        details: { passed: fact.passed },
      };
    case 'learning-need':
      return {
        kind: 'learning-need',
        ...opt('title', fact.name),
        ...linked(fact),
        ...opt('by', who(fact.agreedWith)),
        details: { ...opt('targetStage', fact.targetStage), ...opt('registration', fact.registration) },
      };
    case 'learning-plan-item':
      return {
        kind: 'plan-item',
        ...opt('title', fact.name),
        ...linked(fact),
        details: {
          status: fact.status,
          activityId: fact.activityId,
          ...opt('targetStage', fact.targetStage),
          ...opt('registration', fact.registration),
        },
      };
    case 'prior-learning-recognised':
      return {
        kind: 'prior-learning',
        ...opt('title', fact.name),
        ...linked(fact),
        ...opt('by', who(fact.recognisedBy)),
        details: { recognised: fact.recognised, ...opt('creditPoints', fact.creditPoints) },
      };
    // Not reached (isAuditStatement above); kept so the switch covers every fact.
    case 'audit-answer':
    case 'audit-indicator-assessed':
    case 'learning-record':
      return {
        kind: 'learning-record',
        ...opt('title', nameOf(statement) ?? verbName(statement)),
        capabilityIds: [],
        indicatorIds: [],
        details: {
          verb: obj(statement.verb).id,
          object: obj(statement.object).id,
          ...opt('reason', 'reason' in fact ? fact.reason : undefined),
        },
      };
  }
}

/** Capabilities a record is linked to: those named, and those of the indicators named. */
function linked(fact: { linkedCapabilityIds: readonly string[]; linkedIndicatorIds: readonly string[] }) {
  const fromIndicators = fact.linkedIndicatorIds.map((id) => findIndicator(id)!.capabilityId);
  return {
    capabilityIds: [...new Set([...fact.linkedCapabilityIds, ...fromIndicators])],
    indicatorIds: [...fact.linkedIndicatorIds],
  };
}

function who(agent: XapiActor | undefined): string | undefined {
  if (!agent) return undefined;
  if (typeof agent.name === 'string') return agent.name;
  return identifierOf(agent)?.ifi;
}

function nameOf(statement: Obj): string | undefined {
  const name = obj(obj(obj(statement.object).definition).name);
  const value = name['en'] ?? name['en-GB'] ?? Object.values(name)[0];
  return typeof value === 'string' ? value : undefined;
}

function verbName(statement: Obj): string | undefined {
  const display = obj(obj(statement.verb).display);
  const value = display['en'] ?? display['en-US'] ?? display['en-GB'] ?? Object.values(display)[0];
  return typeof value === 'string' ? value : undefined;
}

function response(statement: Obj): string | undefined {
  const value = obj(statement.result).response;
  return typeof value === 'string' ? value : undefined;
}

const opt = <K extends string, V>(key: K, value: V | undefined) =>
  value === undefined ? {} : ({ [key]: value } as Record<K, V>);
