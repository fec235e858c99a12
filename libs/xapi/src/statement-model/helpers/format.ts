import type {
  Activity,
  ActivityDefinition,
  Actor,
  Agent,
  Context,
  Group,
  InteractionComponent,
  LanguageMap,
  Statement,
  StatementObject,
  SubStatement,
  Verb,
} from '../types.js';
import { ifiOf } from './agent-ifi.js';
import { filterLanguageMap } from './language.js';
import { normaliseStatement, type NormalisedStatement } from './normalise.js';

export type StatementFormat = 'ids' | 'exact' | 'canonical';

/** Where the LRS keeps its canonical Activity definitions and Verb displays. */
export interface CanonicalSource {
  activityDefinition?(activityId: string): ActivityDefinition | undefined;
  verbDisplay?(verbId: string): LanguageMap | undefined;
}

/**
 * Shapes a stored statement for the Statement resource's `format` parameter
 * (xAPI Communication 2.1.3):
 * - `exact`: as received (context activities as arrays, as every response must have them);
 * - `ids`: Agents and Identified Groups reduced to objectType and identifier, Anonymous Groups to
 *   their members' identifiers, Activities and Verbs to their id alone (no display, 2.4.3.s6.b2);
 * - `canonical`: Activities and Verbs carry the LRS's canonical definition and display (from
 *   `source`, else the statement's own), each language map reduced to the one entry that best
 *   matches `languages` (Accept-Language, most preferred first); Agents and Groups as in `exact`.
 */
export function formatStatement(
  statement: Statement,
  format: StatementFormat,
  languages: readonly string[] = [],
  source: CanonicalSource = {},
): NormalisedStatement {
  const normalised = normaliseStatement(statement);
  if (format === 'exact') return normalised;
  const shaper = format === 'ids' ? idsShaper : canonicalShaper(languages, source);
  return shapeStatement(normalised as Statement, shaper) as NormalisedStatement;
}

interface Shaper {
  actor(actor: Actor): Actor;
  verb(verb: Verb): Verb;
  activity(activity: Activity): Activity;
}

const idsShaper: Shaper = {
  actor: idsActor,
  verb: (verb) => ({ id: verb.id }),
  // objectType is optional on an Activity (it is the default), so the id alone identifies it, at the
  // top level and in a SubStatement alike (XAPI-00171 counts a SubStatement Activity's properties).
  activity: (activity) => ({ id: activity.id }),
};

function idsActor(actor: Actor): Actor {
  if (actor.objectType !== 'Group') return { objectType: 'Agent', ...ifiOf(actor) };
  const ifi = ifiOf(actor);
  if (Object.keys(ifi).length > 0) return { objectType: 'Group', ...ifi } as Group;
  // An Anonymous Group is identified by its members (2.1.3 format "ids").
  return { objectType: 'Group', member: ((actor as Group).member ?? []).map((m) => idsActor(m) as Agent) };
}

function canonicalShaper(languages: readonly string[], source: CanonicalSource): Shaper {
  const filter = (map: LanguageMap | undefined) => (map === undefined ? undefined : filterLanguageMap(map, languages));
  return {
    actor: (actor) => actor,
    verb: (verb) => {
      const display = filter(source.verbDisplay?.(verb.id) ?? verb.display);
      return display === undefined ? { id: verb.id } : { id: verb.id, display };
    },
    activity: (activity) => {
      const definition = source.activityDefinition?.(activity.id) ?? activity.definition;
      const out: Activity = { ...activity };
      if (definition === undefined) delete out.definition;
      else out.definition = canonicalDefinition(definition, filter);
      return out;
    },
  };
}

function canonicalDefinition(
  definition: ActivityDefinition,
  filter: (map: LanguageMap | undefined) => LanguageMap | undefined,
): ActivityDefinition {
  const out: ActivityDefinition = { ...definition };
  if (definition.name !== undefined) out.name = filter(definition.name) as LanguageMap;
  if (definition.description !== undefined) out.description = filter(definition.description) as LanguageMap;
  for (const list of ['choices', 'scale', 'source', 'target', 'steps'] as const) {
    const components = definition[list];
    if (components !== undefined) out[list] = components.map((c) => filterComponent(c, filter));
  }
  return out;
}

function filterComponent(
  component: InteractionComponent,
  filter: (map: LanguageMap | undefined) => LanguageMap | undefined,
): InteractionComponent {
  return component.description === undefined
    ? component
    : { ...component, description: filter(component.description) as LanguageMap };
}

function shapeStatement<T extends Statement | SubStatement>(statement: T, shaper: Shaper): T {
  const out = { ...statement };
  out.actor = shaper.actor(statement.actor);
  out.verb = shaper.verb(statement.verb);
  (out as { object: StatementObject }).object = shapeObject(statement.object, shaper);
  if (statement.context !== undefined) out.context = shapeContext(statement.context, shaper);
  if ('authority' in statement && statement.authority !== undefined) {
    (out as Statement).authority = shaper.actor(statement.authority);
  }
  return out;
}

function shapeObject(object: StatementObject, shaper: Shaper): StatementObject {
  switch (object.objectType) {
    case undefined:
    case 'Activity':
      return shaper.activity(object);
    case 'Agent':
    case 'Group':
      return shaper.actor(object) as StatementObject;
    case 'SubStatement':
      return shapeStatement(object, shaper);
    default:
      return object;
  }
}

function shapeContext(context: Context, shaper: Shaper): Context {
  const out: Context = { ...context };
  if (context.instructor !== undefined) out.instructor = shaper.actor(context.instructor);
  if (context.team !== undefined) out.team = shaper.actor(context.team) as Group;
  if (context.contextActivities !== undefined) {
    const activities: Record<string, Activity[]> = {};
    for (const [kind, value] of Object.entries(context.contextActivities)) {
      activities[kind] = (Array.isArray(value) ? value : [value]).map((a) => shaper.activity(a));
    }
    out.contextActivities = activities;
  }
  if (context.contextAgents !== undefined) {
    out.contextAgents = context.contextAgents.map((ca) => ({ ...ca, agent: shaper.actor(ca.agent) as Agent }));
  }
  if (context.contextGroups !== undefined) {
    out.contextGroups = context.contextGroups.map((cg) => ({ ...cg, group: shaper.actor(cg.group) as Group }));
  }
  return out;
}
