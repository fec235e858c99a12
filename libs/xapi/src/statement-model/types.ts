/**
 * The xAPI statement data model (xAPI 1.0.3 Part Two, and IEEE 9274.1.1 / xAPI 2.0 where noted).
 * These types describe statements that have passed `validateStatement`; raw input is `unknown`.
 */

/** The xAPI versions this LRS speaks (the `X-Experience-API-Version` it negotiated). */
export type XapiVersion = '1.0.3' | '2.0.0';

/** Keys are RFC 5646 language tags, values text in that language (xAPI Data 4.2). */
export type LanguageMap = Record<string, string>;

/** Keys are IRIs; values are any JSON, including null (xAPI Data 4.1). */
export type Extensions = Record<string, unknown>;

export interface Account {
  /** IRL of the system the account is on. */
  homePage: string;
  name: string;
}

/** Exactly one of these identifies an Agent or an Identified Group (xAPI Data 2.4.2.3). */
export interface InverseFunctionalIdentifier {
  /** `mailto:` IRI. */
  mbox?: string;
  /** Hex SHA-1 of a `mailto:` IRI. */
  mbox_sha1sum?: string;
  /** URI. */
  openid?: string;
  account?: Account;
}

export interface Agent extends InverseFunctionalIdentifier {
  objectType?: 'Agent';
  name?: string;
}

export interface IdentifiedGroup extends InverseFunctionalIdentifier {
  objectType: 'Group';
  name?: string;
  member?: Agent[];
}

export interface AnonymousGroup {
  objectType: 'Group';
  name?: string;
  member: Agent[];
}

export type Group = IdentifiedGroup | AnonymousGroup;
export type Actor = Agent | Group;

/** An Agent or Group used as a statement's object must say which it is (xAPI Data 2.4.4.2). */
export type AgentObject = Agent & { objectType: 'Agent' };

export interface Verb {
  id: string;
  display?: LanguageMap;
}

export const INTERACTION_TYPES = [
  'true-false',
  'choice',
  'fill-in',
  'long-fill-in',
  'matching',
  'performance',
  'sequencing',
  'likert',
  'numeric',
  'other',
] as const;
export type InteractionType = (typeof INTERACTION_TYPES)[number];

export interface InteractionComponent {
  id: string;
  description?: LanguageMap;
}

export interface ActivityDefinition {
  name?: LanguageMap;
  description?: LanguageMap;
  /** IRI. */
  type?: string;
  /** IRL. */
  moreInfo?: string;
  interactionType?: InteractionType;
  correctResponsesPattern?: string[];
  choices?: InteractionComponent[];
  scale?: InteractionComponent[];
  source?: InteractionComponent[];
  target?: InteractionComponent[];
  steps?: InteractionComponent[];
  extensions?: Extensions;
}

export interface Activity {
  objectType?: 'Activity';
  /** IRI. */
  id: string;
  definition?: ActivityDefinition;
}

export interface StatementRef {
  objectType: 'StatementRef';
  /** UUID of the statement referred to. */
  id: string;
}

export interface Score {
  /** -1..1 inclusive. */
  scaled?: number;
  /** Between min and max inclusive, when they are present. */
  raw?: number;
  min?: number;
  max?: number;
}

export interface Result {
  score?: Score;
  success?: boolean;
  completion?: boolean;
  response?: string;
  /** ISO 8601 duration, e.g. `PT1H30M`. */
  duration?: string;
  extensions?: Extensions;
}

export type ContextActivityKind = 'parent' | 'grouping' | 'category' | 'other';

/** As received: each value may be one Activity (a 0.95 leftover) or an array. */
export type ContextActivities = Partial<Record<ContextActivityKind, Activity | Activity[]>>;

/** As the LRS returns it: always arrays (xAPI Data 2.4.6.2.s4.b3). */
export type NormalisedContextActivities = Partial<Record<ContextActivityKind, Activity[]>>;

/** xAPI 2.0 only. */
export interface ContextAgent {
  objectType: 'contextAgent';
  agent: Agent;
  /** IRIs; at least one when present. */
  relevantTypes?: string[];
}

/** xAPI 2.0 only. */
export interface ContextGroup {
  objectType: 'contextGroup';
  group: Group;
  /** IRIs; at least one when present. */
  relevantTypes?: string[];
}

export interface Context {
  /** UUID. */
  registration?: string;
  instructor?: Actor;
  team?: Group;
  contextActivities?: ContextActivities;
  /** Only when the statement's object is an Activity. */
  revision?: string;
  /** Only when the statement's object is an Activity. */
  platform?: string;
  /** RFC 5646 tag. */
  language?: string;
  statement?: StatementRef;
  extensions?: Extensions;
  /** xAPI 2.0 only. */
  contextAgents?: ContextAgent[];
  /** xAPI 2.0 only. */
  contextGroups?: ContextGroup[];
}

export interface Attachment {
  /** IRI. */
  usageType: string;
  display: LanguageMap;
  description?: LanguageMap;
  /** Internet media type. */
  contentType: string;
  /** Octets. */
  length: number;
  /** Hex SHA-2 of the data. */
  sha2: string;
  /** IRL. */
  fileUrl?: string;
}

/** The properties a statement and a SubStatement share. */
export interface StatementCore {
  actor: Actor;
  verb: Verb;
  result?: Result;
  context?: Context;
  /** ISO 8601 timestamp. */
  timestamp?: string;
  attachments?: Attachment[];
}

export interface SubStatement extends StatementCore {
  objectType: 'SubStatement';
  /** A SubStatement cannot contain another SubStatement. */
  object: Activity | AgentObject | Group | StatementRef;
}

export type StatementObject = Activity | AgentObject | Group | StatementRef | SubStatement;

export interface Statement extends StatementCore {
  /** UUID; set by the LRS when absent. */
  id?: string;
  object: StatementObject;
  /** Set by the LRS. */
  stored?: string;
  authority?: Actor;
  /** `1.0.x` (or `2.0.x` under xAPI 2.0). */
  version?: string;
}

/** The Agents resource's combined view of one person (xAPI Communication 2.4). */
export interface Person {
  objectType: 'Person';
  name?: string[];
  mbox?: string[];
  mbox_sha1sum?: string[];
  openid?: string[];
  account?: Account[];
}

/** The reserved verb that voids another statement (xAPI Data 2.3.2). */
export const VOIDED_VERB_ID = 'http://adlnet.gov/expapi/verbs/voided';

/** usageType of the JWS attachment of a signed statement (xAPI Data 2.6). */
export const SIGNATURE_USAGE_TYPE = 'http://adlnet.gov/expapi/attachments/signature';
