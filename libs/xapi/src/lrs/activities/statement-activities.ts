import type { Activity, ActivityDefinition, Context, Statement, StatementCore } from '../../statement-model/types.js';

/**
 * Every Activity a statement mentions with its definition as given: the object, the context
 * activities, and the same inside a SubStatement. Activities without a definition are left out:
 * they add nothing to the canonical definition.
 */
export function definedActivities(statement: Statement): { id: string; definition: ActivityDefinition }[] {
  const found: { id: string; definition: ActivityDefinition }[] = [];
  const add = (activity: Activity) => {
    if (typeof activity?.id === 'string' && isDefinition(activity.definition))
      found.push({ id: activity.id, definition: activity.definition });
  };
  collect(statement, add);
  const object = statement.object;
  if (object?.objectType === 'SubStatement') collect(object, add);
  return found;
}

function collect(core: StatementCore & { object?: unknown }, add: (activity: Activity) => void): void {
  const object = core.object as { objectType?: string } | undefined;
  if (object && (object.objectType === undefined || object.objectType === 'Activity')) add(object as Activity);
  contextActivities(core.context).forEach(add);
}

function contextActivities(context: Context | undefined): Activity[] {
  const lists = context?.contextActivities;
  if (!lists) return [];
  // 1.0.3 still accepts a single Activity where an array is expected (Data 2.4.6.2.s4.b3).
  return Object.values(lists).flatMap((value) => (Array.isArray(value) ? value : value ? [value] : []));
}

function isDefinition(value: unknown): value is ActivityDefinition {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
