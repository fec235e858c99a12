import { agentIfi } from '../../statement-model/helpers/agent-ifi.js';
import type { Actor, Context, Statement, StatementCore } from '../../statement-model/types.js';

/**
 * Every named Agent or Identified Group in a statement, as (identifier, name): actor, object,
 * instructor, team, 2.0 context agents and groups, group members, and the same inside a
 * SubStatement. The authority is left out: it names the LRS client, not a learner.
 */
export function namedAgents(statement: Statement): { ifi: string; name: string }[] {
  const found: { ifi: string; name: string }[] = [];
  const add = (actor: unknown) => visitActor(actor, found);
  collect(statement, add);
  if (statement.object?.objectType === 'SubStatement') collect(statement.object, add);
  return found;
}

function collect(core: StatementCore & { object?: unknown }, add: (actor: unknown) => void): void {
  add(core.actor);
  const object = core.object as { objectType?: string } | undefined;
  if (object?.objectType === 'Agent' || object?.objectType === 'Group') add(object);
  contextActors(core.context).forEach(add);
}

function contextActors(context: Context | undefined): unknown[] {
  if (!context) return [];
  return [
    context.instructor,
    context.team,
    ...(context.contextAgents ?? []).map((c) => c?.agent),
    ...(context.contextGroups ?? []).map((c) => c?.group),
  ];
}

function visitActor(value: unknown, found: { ifi: string; name: string }[]): void {
  if (typeof value !== 'object' || value === null) return;
  const actor = value as Actor & { member?: unknown[] };
  const ifi = agentIfi(actor);
  if (ifi && typeof actor.name === 'string' && actor.name.length > 0) found.push({ ifi, name: actor.name });
  if (Array.isArray(actor.member)) actor.member.forEach((member) => visitActor(member, found));
}
