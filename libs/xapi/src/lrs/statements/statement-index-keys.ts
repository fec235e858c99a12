import { agentIfi } from '../../statement-model/helpers/agent-ifi.js';
import type {
  Activity,
  Actor,
  Context,
  Group,
  Statement,
  StatementObject,
  SubStatement,
} from '../../statement-model/types.js';
import { VOIDED_VERB_ID } from '../../statement-model/types.js';

/**
 * The keys a statement is found by in queries. A key starting with `!` matches the narrow filter
 * (`agent` = actor or object, `activity` = object; verbs and registrations are always narrow); the
 * same key without `!` marks an agent or activity found only elsewhere in the statement (context,
 * authority, SubStatement), which the broad `related_agents` / `related_activities` filter also
 * matches. A statement carries each agent or activity once, as its narrow key if it has one, so a
 * broad query reads both forms (`matchingKeys`) and never finds one statement twice.
 */
export type IndexKey = string;

export const agentKey = (ifi: string, narrow: boolean) => `${narrow ? '!' : ''}a:${ifi}`;
export const activityKey = (id: string, narrow: boolean) => `${narrow ? '!' : ''}o:${id}`;
export const verbKey = (id: string) => `!v:${id}`;
export const registrationKey = (id: string) => `!r:${id.toLowerCase()}`;

export function statementIndexKeys(statement: Statement): IndexKey[] {
  const keys = new Set<IndexKey>();
  addCoreKeys(keys, statement, true);
  addAgents(keys, statement.authority, false);
  if (statement.object?.objectType === 'SubStatement') addCoreKeys(keys, statement.object as SubStatement, false);
  return withoutShadowedKeys(keys);
}

/** The keys of a set, less each broad key whose narrow form is there too (it would find the statement twice). */
export function withoutShadowedKeys(keys: Iterable<IndexKey>): IndexKey[] {
  const all = new Set(keys);
  return [...all].filter((key) => key.startsWith('!') || !all.has(`!${key}`));
}

/** The stored keys a query key finds: a broad key also finds statements that carry it narrowly. */
export function matchingKeys(queryKey: IndexKey): IndexKey[] {
  return queryKey.startsWith('!') ? [queryKey] : [queryKey, `!${queryKey}`];
}

function addCoreKeys(keys: Set<IndexKey>, core: Statement | SubStatement, topLevel: boolean): void {
  addAgents(keys, core.actor, topLevel);
  if (core.verb?.id) keys.add(verbKey(core.verb.id));
  addObject(keys, core.object as StatementObject, topLevel);
  addContext(keys, core.context);
}

function addObject(keys: Set<IndexKey>, object: StatementObject | undefined, topLevel: boolean): void {
  if (!object) return;
  const type = object.objectType ?? 'Activity';
  if (type === 'Activity') addActivity(keys, (object as Activity).id, topLevel);
  else if (type === 'Agent' || type === 'Group') addAgents(keys, object as Actor, topLevel);
}

function addContext(keys: Set<IndexKey>, context: Context | undefined): void {
  if (!context) return;
  if (context.registration) keys.add(registrationKey(context.registration));
  addAgents(keys, context.instructor, false);
  addAgents(keys, context.team, false);
  for (const agent of context.contextAgents ?? []) addAgents(keys, agent.agent, false);
  for (const group of context.contextGroups ?? []) addAgents(keys, group.group, false);
  for (const list of Object.values(context.contextActivities ?? {})) {
    for (const activity of Array.isArray(list) ? list : [list]) addActivity(keys, (activity as Activity).id, false);
  }
}

function addActivity(keys: Set<IndexKey>, id: string | undefined, narrow: boolean): void {
  if (id) keys.add(activityKey(id, narrow));
}

/** An Agent, or a Group and its members: a Group matches the agent filter through its members. */
function addAgents(keys: Set<IndexKey>, actor: Actor | undefined, narrow: boolean): void {
  if (!actor) return;
  const add = (ifi: string | undefined) => {
    if (ifi) keys.add(agentKey(ifi, narrow));
  };
  add(agentIfi(actor));
  if (actor.objectType === 'Group') for (const member of (actor as Group).member ?? []) add(agentIfi(member));
}

/** The statement this one targets with a StatementRef object, if any. */
export function statementRefTarget(statement: Statement): string | undefined {
  const object = statement.object as { objectType?: string; id?: string };
  return object?.objectType === 'StatementRef' && typeof object.id === 'string' ? object.id.toLowerCase() : undefined;
}

export function isVoidingStatement(statement: Statement): boolean {
  return statement.verb?.id === VOIDED_VERB_ID && statementRefTarget(statement) !== undefined;
}
