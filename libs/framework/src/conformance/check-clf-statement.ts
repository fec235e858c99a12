// What a sender of CLF statements needs to hear about one statement: whether it is a CLF statement at all,
// whether the catalogue recognises it (so it counts as evidence), and if not, why; with the profile's template
// rules it breaks. It decides nothing itself: recognition is recogniseStatement's, template rules are the
// profile's (checkAgainstClfTemplates); this only says which vocabulary makes a statement CLF and words the
// case where no template's verb and object type match.

import { CLF_BASE_IRI } from '../catalogue/iris.js';
import { clfProfile } from '../profile/clf-profile.js';
import { checkAgainstClfTemplates, type TemplateCheck } from '../profile/validate-statement.js';
import { CLF_EXTENSIONS as X, CLF_PROFILE_ID } from '../profile/vocabulary.js';
import { recogniseStatement, type ClfFact, type ClfFactKind } from '../recognition/recognise-statement.js';

export type ClfCheckOutcome = 'not-clf' | 'recognised' | 'not-recognised';

export interface ClfStatementCheck {
  /**
   * `not-clf`: the statement uses no CLF vocabulary (a plain learning record, nothing to say);
   * `recognised`: the catalogue recognises it as a CLF fact (it counts);
   * `not-recognised`: a CLF statement that counts for nothing, for `reason`.
   */
  readonly outcome: ClfCheckOutcome;
  /** Where the statement uses the CLF vocabulary (see `clfVocabularyIn`); empty for `not-clf`. */
  readonly clfVocabulary: readonly string[];
  /** For `recognised`: the kind of CLF fact. */
  readonly recognisedAs?: ClfFactKind;
  /** For `not-recognised`: the first rule it breaks, in words. */
  readonly reason?: string;
  /** The templates it matches by verb and object type, and their rules it breaks (for `recognised` too: warnings). */
  readonly templates: TemplateCheck;
}

type Obj = Readonly<Record<string, unknown>>;
const isObj = (v: unknown): v is Obj => typeof v === 'object' && v !== null && !Array.isArray(v);
const obj = (v: unknown): Obj => (isObj(v) ? v : {});

const CONTEXT_ACTIVITY_KEYS = ['parent', 'grouping', 'category', 'other'] as const;

/** An IRI of the CLF profile: the profile itself, or anything under its namespace. */
export function isClfIri(value: unknown): value is string {
  return typeof value === 'string' && (value.startsWith(CLF_BASE_IRI) || value === CLF_PROFILE_ID);
}

/**
 * Where a statement uses the CLF vocabulary, as JSONPath locations: a statement is a **CLF statement** when
 * any of these is a CLF IRI (`isClfIri`: the profile id or an IRI under https://w3id.org/xapi/clf/, which holds
 * its verbs, activity types, extensions, capabilities, indicators, audit questions and versions):
 *
 * - the verb id;
 * - for an Activity object, and for every context activity (parent, grouping, category, other): its id (a CLF
 *   indicator, capability or audit question, or the profile version in category), its definition.type, and
 *   the keys of its definition.extensions;
 * - the keys of context.extensions and result.extensions.
 *
 * Only the statement's own top level counts: a SubStatement object is not looked into, as recognition does not.
 */
export function clfVocabularyIn(statement: unknown): string[] {
  if (!isObj(statement)) return [];
  const found: string[] = [];
  const value = (path: string, v: unknown) => {
    if (isClfIri(v)) found.push(path);
  };
  const keys = (path: string, extensions: unknown) => {
    for (const key of Object.keys(obj(extensions))) if (isClfIri(key)) found.push(`${path}['${key}']`);
  };
  const activity = (path: string, a: Obj) => {
    value(`${path}.id`, a.id);
    const definition = obj(a.definition);
    value(`${path}.definition.type`, definition.type);
    keys(`${path}.definition.extensions`, definition.extensions);
  };
  value('$.verb.id', obj(statement.verb).id);
  const object = obj(statement.object);
  if (object.objectType === undefined || object.objectType === 'Activity') activity('$.object', object);
  const context = obj(statement.context);
  const contextActivities = obj(context.contextActivities);
  for (const key of CONTEXT_ACTIVITY_KEYS) {
    const list = contextActivities[key];
    const activities = Array.isArray(list) ? list : list === undefined ? [] : [list];
    activities.forEach((a, i) => activity(`$.context.contextActivities.${key}[${i}]`, obj(a)));
  }
  keys('$.context.extensions', context.extensions);
  keys('$.result.extensions', obj(statement.result).extensions);
  return found;
}

/** Checks one statement as the LRS will take it: is it CLF, does it count, and if not why. */
export function checkClfStatement(statement: unknown, sender: ClfSender = {}): ClfStatementCheck {
  const clfVocabulary = clfVocabularyIn(statement);
  // Every template's verb is a CLF verb: a statement without CLF vocabulary matches none.
  if (clfVocabulary.length === 0) return { outcome: 'not-clf', clfVocabulary, templates: { matched: [], broken: [] } };
  const templates = checkAgainstClfTemplates(statement);
  const fact = recogniseStatement(statement);
  const reason =
    fact.kind === 'learning-record' ? (fact.reason ?? noTemplateReason(statement)) : otherOrganisation(fact, sender);
  if (reason === undefined) return { outcome: 'recognised', clfVocabulary, recognisedAs: fact.kind, templates };
  return { outcome: 'not-recognised', clfVocabulary, reason, templates };
}

/** Who sends the statement: the organisation its LRS client belongs to, when known. */
export interface ClfSender {
  readonly organisationId?: string;
}

/**
 * A statement counts only for the organisation of the LRS client that sent it: a fact naming another
 * organisation in the organisation extension (a self-audit answer or self-assessment) counts for nothing.
 */
function otherOrganisation(fact: ClfFact, sender: ClfSender): string | undefined {
  if (!('organisationId' in fact) || sender.organisationId === undefined) return undefined;
  if (fact.organisationId === sender.organisationId) return undefined;
  return `the organisation extension (${X.organisation}) names ${fact.organisationId}, but the sending LRS client belongs to ${sender.organisationId}: a statement counts only for its sender's organisation`;
}

interface TemplateSummary {
  readonly id: string;
  readonly name: string;
  readonly verb: string;
  readonly objectActivityType: string;
}

const templateSummaries: readonly TemplateSummary[] = clfProfile.templates.map((t) => ({
  id: t.id,
  name: t.prefLabel['en'] ?? t.id,
  verb: t.verb,
  objectActivityType: t.objectActivityType,
}));

const named = (t: TemplateSummary) => `${t.name} (${t.id})`;

/** Why a statement with CLF vocabulary matches no template: what its verb or its object's type would need. */
function noTemplateReason(statement: unknown): string {
  const s = obj(statement);
  const verb = obj(s.verb).id;
  const object = obj(s.object);
  const type = obj(object.definition).type;
  if (object.objectType !== undefined && object.objectType !== 'Activity') {
    return `the object is a ${String(object.objectType)}: every CLF statement template's object is an Activity`;
  }
  const byVerb = templateSummaries.filter((t) => t.verb === verb);
  if (byVerb.length > 0) {
    const has = typeof type === 'string' ? `has type ${type}` : 'has no definition.type';
    return `the verb ${String(verb)} needs an object of type ${byVerb.map((t) => `${t.objectActivityType} (template ${named(t)})`).join(' or ')}; the object ${has}`;
  }
  const byType = templateSummaries.filter((t) => t.objectActivityType === type);
  if (byType.length > 0) {
    return `an object of type ${String(type)} needs the verb ${byType.map((t) => `${t.verb} (template ${named(t)})`).join(' or ')}; the verb is ${String(verb)}`;
  }
  return "it uses the CLF vocabulary, but its verb and its object's type are not those of any CLF statement template (see GET /xapi/profiles/clf)";
}
