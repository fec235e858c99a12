import type {
  Activity,
  Context,
  ContextActivities,
  NormalisedContextActivities,
  Statement,
  StatementObject,
  SubStatement,
} from '../types.js';

/** A statement as the LRS returns it: every contextActivities value is an array. */
export type NormalisedStatement = Omit<Statement, 'context' | 'object'> & {
  context?: NormalisedContext;
  object: Exclude<StatementObject, SubStatement> | NormalisedSubStatement;
};
export type NormalisedContext = Omit<Context, 'contextActivities'> & {
  contextActivities?: NormalisedContextActivities;
};
export type NormalisedSubStatement = Omit<SubStatement, 'context'> & { context?: NormalisedContext };

/**
 * The only rewriting the spec asks of the LRS before returning a statement: single context
 * activities become arrays of one (xAPI Data 2.4.6.2.s4.b3-b4), in the statement and in a
 * SubStatement. Everything else keeps its serialisation (2.2.s2.b5), so objectType defaults are
 * not added. Returns the input itself when nothing needs changing; never mutates it.
 */
export function normaliseStatement(statement: Statement): NormalisedStatement {
  const context = normaliseContext(statement.context);
  const object = normaliseObject(statement.object);
  if (context === statement.context && object === statement.object) return statement as NormalisedStatement;
  const copy: NormalisedStatement = { ...statement, object } as NormalisedStatement;
  if (context !== undefined) copy.context = context;
  return copy;
}

function normaliseObject(object: StatementObject): NormalisedStatement['object'] {
  if (object.objectType !== 'SubStatement') return object;
  const context = normaliseContext(object.context);
  if (context === object.context) return object as NormalisedSubStatement;
  return { ...object, context } as NormalisedSubStatement;
}

export function normaliseContext(context: Context | undefined): NormalisedContext | undefined {
  const activities = context?.contextActivities;
  if (context === undefined || activities === undefined || allArrays(activities))
    return context as NormalisedContext | undefined;
  const normalised: NormalisedContextActivities = {};
  for (const [kind, value] of Object.entries(activities) as Array<[keyof ContextActivities, Activity | Activity[]]>) {
    normalised[kind] = Array.isArray(value) ? value : [value];
  }
  return { ...context, contextActivities: normalised };
}

function allArrays(activities: ContextActivities): boolean {
  for (const kind in activities) {
    if (!Array.isArray(activities[kind as keyof ContextActivities])) return false;
  }
  return true;
}
