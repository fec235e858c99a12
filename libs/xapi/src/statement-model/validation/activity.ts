import { INTERACTION_TYPES, type InteractionType } from '../types.js';
import { checkResponsePatterns } from './response-patterns.js';
import { S } from './sections.js';
import {
  arrayAt,
  extensionsAt,
  iriAt,
  irlAt,
  languageMapAt,
  objectAt,
  onlyKnownKeys,
  required,
  stringAt,
  type JsonObject,
} from './values.js';
import { visit, type Walker } from './walker.js';

const ACTIVITY_KEYS: ReadonlySet<string> = new Set(['objectType', 'id', 'definition']);
const COMPONENT_LISTS = ['choices', 'scale', 'source', 'target', 'steps'] as const;
type ComponentList = (typeof COMPONENT_LISTS)[number];
const DEFINITION_KEYS: ReadonlySet<string> = new Set([
  'name',
  'description',
  'type',
  'moreInfo',
  'extensions',
  'interactionType',
  'correctResponsesPattern',
  ...COMPONENT_LISTS,
]);
const COMPONENT_KEYS: ReadonlySet<string> = new Set(['id', 'description']);
const INTERACTION_TYPE_SET: ReadonlySet<string> = new Set(INTERACTION_TYPES);

/** Which interaction component lists each interactionType supports (xAPI Data 2.4.4.1.s15). */
const SUPPORTED_LISTS: Record<InteractionType, readonly ComponentList[]> = {
  'true-false': [],
  choice: ['choices'],
  'fill-in': [],
  'long-fill-in': [],
  matching: ['source', 'target'],
  performance: ['steps'],
  sequencing: ['choices'],
  likert: ['scale'],
  numeric: [],
  other: [],
};

/** An Activity as a statement object or a context activity; objectType is optional. */
export function validateActivity(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.activity)) return;
  if (value.objectType !== undefined && value.objectType !== 'Activity') {
    w.report(
      'objectType',
      value.objectType === null ? 'must not be null' : 'must be "Activity" when present',
      S.activity,
    );
  }
  activityBody(w, value);
}

/** The Activity checks once objectType has been settled by the caller. */
export function activityBody(w: Walker, activity: JsonObject): void {
  onlyKnownKeys(w, activity, ACTIVITY_KEYS, 'an Activity');
  if (required(w, activity, 'id', S.activity)) iriAt(w, 'id', activity.id, S.activity);
  if (activity.definition !== undefined) visit(w, 'definition', activity.definition, validateDefinition);
}

export function validateDefinition(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.activity)) return;
  onlyKnownKeys(w, value, DEFINITION_KEYS, 'an Activity Definition');
  if (value.name !== undefined) languageMapAt(w, 'name', value.name);
  if (value.description !== undefined) languageMapAt(w, 'description', value.description);
  if (value.type !== undefined) iriAt(w, 'type', value.type, S.activity);
  if (value.moreInfo !== undefined) irlAt(w, 'moreInfo', value.moreInfo, S.activity);
  if (value.extensions !== undefined) extensionsAt(w, 'extensions', value.extensions);
  interaction(w, value);
}

/**
 * Interaction Activities MUST have a valid interactionType (2.4.4.1.s13.b1); the LRS MAY check the
 * rest (s13.b3), which it does: patterns are strings in the syntax of the interactionType using ids of
 * the given component lists (see `checkResponsePatterns`), component lists suit the type and hold
 * distinct ids. Characterstring parameters are skipped, not validated (s12); there are no character
 * limits (s13.b4).
 */
function interaction(w: Walker, definition: JsonObject): void {
  const type = definition.interactionType;
  let valid: InteractionType | undefined;
  if (type !== undefined) {
    if (typeof type === 'string' && INTERACTION_TYPE_SET.has(type)) valid = type as InteractionType;
    else if (type === null) w.report('interactionType', 'must not be null', S.formatting);
    else w.report('interactionType', `must be one of ${INTERACTION_TYPES.join(', ')} (exact case)`, S.interaction);
  }
  const patterns = definition.correctResponsesPattern;
  if (patterns !== undefined && arrayAt(w, 'correctResponsesPattern', patterns, S.interaction)) {
    w.enter('correctResponsesPattern');
    for (let i = 0; i < patterns.length; i++) stringAt(w, i, patterns[i], S.interaction);
    w.leave();
    if (valid !== undefined && patterns.length > 0) checkResponsePatterns(w, valid, definition, patterns);
  }
  let usesInteraction = patterns !== undefined;
  for (const list of COMPONENT_LISTS) {
    const components = definition[list];
    if (components === undefined) continue;
    usesInteraction = true;
    if (valid !== undefined && !SUPPORTED_LISTS[valid].includes(list)) {
      w.report(list, `is not an interaction component list of interactionType "${valid}"`, S.interaction);
    }
    if (arrayAt(w, list, components, S.interaction)) componentList(w, list, components);
  }
  if (usesInteraction && type === undefined) {
    w.report(
      'interactionType',
      'is required on an Interaction Activity (one with correctResponsesPattern or components)',
      S.interaction,
    );
  }
}

function componentList(w: Walker, list: string, components: unknown[]): void {
  w.enter(list);
  for (let i = 0; i < components.length; i++) {
    const component = components[i];
    w.enter(i);
    if (objectAt(w, null, component, S.interaction)) {
      onlyKnownKeys(w, component, COMPONENT_KEYS, 'an interaction component');
      if (required(w, component, 'id', S.interaction) && stringAt(w, 'id', component.id, S.interaction)) {
        if (component.id === '') w.report('id', 'must not be empty', S.interaction);
        else if (isDuplicateId(components, i, component.id)) {
          w.report('id', 'must be distinct within the component list', S.interaction);
        }
      }
      if (component.description !== undefined) languageMapAt(w, 'description', component.description);
    }
    w.leave();
  }
  w.leave();
}

// Lists are short, so a backwards scan beats allocating a Set for every list.
function isDuplicateId(components: unknown[], index: number, id: string): boolean {
  for (let j = 0; j < index; j++) {
    const other = components[j];
    if (typeof other === 'object' && other !== null && (other as JsonObject).id === id) return true;
  }
  return false;
}
