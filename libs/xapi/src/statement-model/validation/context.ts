import { validateActivity } from './activity.js';
import { validateActor, validateAgent, validateGroup } from './agent.js';
import { validateStatementRef } from './statement-ref.js';
import { S } from './sections.js';
import {
  arrayAt,
  extensionsAt,
  iriAt,
  isJsonObject,
  languageTagAt,
  objectAt,
  onlyKnownKeys,
  required,
  stringAt,
  uuidAt,
  type JsonObject,
} from './values.js';
import { visit, type Walker } from './walker.js';

const CONTEXT_KEYS_1_0: ReadonlySet<string> = new Set([
  'registration',
  'instructor',
  'team',
  'contextActivities',
  'revision',
  'platform',
  'language',
  'statement',
  'extensions',
]);
const CONTEXT_KEYS_2_0: ReadonlySet<string> = new Set([...CONTEXT_KEYS_1_0, 'contextAgents', 'contextGroups']);
const CONTEXT_ACTIVITY_KEYS: ReadonlySet<string> = new Set(['parent', 'grouping', 'category', 'other']);
const CONTEXT_AGENT_KEYS: ReadonlySet<string> = new Set(['objectType', 'agent', 'relevantTypes']);
const CONTEXT_GROUP_KEYS: ReadonlySet<string> = new Set(['objectType', 'group', 'relevantTypes']);

/** Uses `w.objectIsActivity`, set by the enclosing (Sub)Statement, for revision and platform. */
export function validateContext(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.context)) return;
  const v2 = w.version === '2.0.0';
  onlyKnownKeys(w, value, v2 ? CONTEXT_KEYS_2_0 : CONTEXT_KEYS_1_0, 'a Context', explainContextKey);
  if (value.registration !== undefined) uuidAt(w, 'registration', value.registration, S.context);
  if (value.instructor !== undefined) visit(w, 'instructor', value.instructor, validateActor);
  if (value.team !== undefined) visit(w, 'team', value.team, validateGroup);
  if (value.contextActivities !== undefined) contextActivities(w, value.contextActivities);
  activityOnly(w, value, 'revision');
  activityOnly(w, value, 'platform');
  if (value.language !== undefined) languageTagAt(w, 'language', value.language, S.context);
  if (value.statement !== undefined) visit(w, 'statement', value.statement, validateStatementRef);
  if (value.extensions !== undefined) extensionsAt(w, 'extensions', value.extensions);
  if (v2 && value.contextAgents !== undefined) contextAgents(w, value.contextAgents);
  if (v2 && value.contextGroups !== undefined) contextGroups(w, value.contextGroups);
}

function explainContextKey(key: string): string | undefined {
  return key === 'contextAgents' || key === 'contextGroups'
    ? 'is not allowed in xAPI 1.0.3 (it was added in xAPI 2.0)'
    : undefined;
}

/** revision and platform MUST only be used when the statement's object is an Activity (2.4.6.s4). */
function activityOnly(w: Walker, context: JsonObject, key: 'revision' | 'platform'): void {
  const value = context[key];
  if (value === undefined || !stringAt(w, key, value, S.context)) return;
  if (!w.objectIsActivity) w.report(key, "must only be used when the statement's object is an Activity", S.context);
}

function contextActivities(w: Walker, value: unknown): void {
  if (!objectAt(w, 'contextActivities', value, S.contextActivities)) return;
  w.enter('contextActivities');
  let kinds = 0;
  for (const kind in value) {
    if (!Object.hasOwn(value, kind)) continue;
    kinds++;
    if (!CONTEXT_ACTIVITY_KEYS.has(kind)) {
      w.report(kind, 'must be one of parent, grouping, category or other', S.contextActivities);
      continue;
    }
    const activities = value[kind];
    if (Array.isArray(activities)) {
      w.enter(kind);
      for (let i = 0; i < activities.length; i++) visit(w, i, activities[i], validateActivity);
      w.leave();
    } else if (isJsonObject(activities)) {
      // A single Activity is allowed for 0.95 compatibility (2.4.6.2.s4.b2); the LRS returns arrays.
      visit(w, kind, activities, validateActivity);
    } else {
      w.report(
        kind,
        activities === null ? 'must not be null' : 'must be an Activity or an array of Activities',
        S.contextActivities,
      );
    }
  }
  // An empty map says nothing and the 1.0.3 conformance suite expects it refused.
  if (kinds === 0)
    w.report(null, 'must contain at least one of parent, grouping, category or other', S.contextActivities);
  w.leave();
}

function contextAgents(w: Walker, value: unknown): void {
  if (!arrayAt(w, 'contextAgents', value, S.contextAgents)) return;
  w.enter('contextAgents');
  for (let i = 0; i < value.length; i++) visit(w, i, value[i], validateContextAgent);
  w.leave();
}

function contextGroups(w: Walker, value: unknown): void {
  if (!arrayAt(w, 'contextGroups', value, S.contextGroups)) return;
  w.enter('contextGroups');
  for (let i = 0; i < value.length; i++) visit(w, i, value[i], validateContextGroup);
  w.leave();
}

function validateContextAgent(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.contextAgents)) return;
  onlyKnownKeys(w, value, CONTEXT_AGENT_KEYS, 'a contextAgent');
  if (required(w, value, 'objectType', S.contextAgents) && value.objectType !== 'contextAgent') {
    w.report('objectType', 'must be "contextAgent"', S.contextAgents);
  }
  if (required(w, value, 'agent', S.contextAgents)) visit(w, 'agent', value.agent, validateAgent);
  if (value.relevantTypes !== undefined) relevantTypes(w, value.relevantTypes, S.contextAgents);
}

function validateContextGroup(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.contextGroups)) return;
  onlyKnownKeys(w, value, CONTEXT_GROUP_KEYS, 'a contextGroup');
  if (required(w, value, 'objectType', S.contextGroups) && value.objectType !== 'contextGroup') {
    w.report('objectType', 'must be "contextGroup"', S.contextGroups);
  }
  if (required(w, value, 'group', S.contextGroups)) visit(w, 'group', value.group, validateGroup);
  if (value.relevantTypes !== undefined) relevantTypes(w, value.relevantTypes, S.contextGroups);
}

/** "A collection of 1 or more Relevant Type(s)": a non-empty array of IRIs. */
function relevantTypes(w: Walker, value: unknown, section: string): void {
  if (!arrayAt(w, 'relevantTypes', value, section)) return;
  if (value.length === 0) w.report('relevantTypes', 'must contain at least one IRI when present', section);
  w.enter('relevantTypes');
  for (let i = 0; i < value.length; i++) iriAt(w, i, value[i], section);
  w.leave();
}
