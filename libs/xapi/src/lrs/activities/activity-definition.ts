import type { ActivityDefinition } from '../../statement-model/types.js';

const LANGUAGE_MAPS = ['name', 'description'] as const;

/**
 * The canonical definition after a statement from a client trusted to define Activities (scope
 * `define`, Communication 4.2): language maps and extensions gain the new entries (new values win),
 * every other property present in the new definition replaces the old one. Properties the statement
 * leaves out are kept, so one statement naming an Activity in French does not erase its English name.
 */
export function mergeDefinitions(canonical: ActivityDefinition, update: ActivityDefinition): ActivityDefinition {
  const merged: Record<string, unknown> = { ...canonical, ...update };
  for (const key of LANGUAGE_MAPS) {
    if (canonical[key] && update[key]) merged[key] = { ...canonical[key], ...update[key] };
  }
  if (canonical.extensions && update.extensions) merged.extensions = { ...canonical.extensions, ...update.extensions };
  return merged as ActivityDefinition;
}

/**
 * What the LRS keeps as the canonical definition after one more statement: the first definition it
 * sees, then only changes from clients allowed to define (a client without `define` SHOULD NOT
 * update the canonical representation, Communication 4.2 scope table).
 */
export function nextCanonical(
  canonical: ActivityDefinition | undefined,
  update: ActivityDefinition,
  trustedToDefine: boolean,
): ActivityDefinition | undefined {
  if (!canonical) return update;
  return trustedToDefine ? mergeDefinitions(canonical, update) : undefined;
}
