import type { InteractionType } from '../types.js';
import { S } from './sections.js';
import type { JsonObject } from './values.js';
import type { Walker } from './walker.js';

/**
 * The syntax of `correctResponsesPattern` strings per interactionType (xAPI Data 2.4.4.1.s10), which
 * an LRS MAY enforce with 400 Bad Request (s13.b3):
 *
 * - true-false: `true` or `false`;
 * - choice, sequencing: item ids delimited by `[,]` (an empty string is the empty list);
 * - likert: a single item id;
 * - matching: pairs `sourceId[.]targetId` delimited by `[,]`;
 * - performance: steps `stepId[.]response` delimited by `[,]`; the response is free (a string as in
 *   fill-in or a range as in numeric; Appendix C itself writes `1:` and `:10`);
 * - numeric: `min[:]max` with either end omitted, or a single number;
 * - fill-in, long-fill-in, other: any string.
 *
 * Item, source, target and step ids must be ids of the definition's `choices` / `scale` / `source` /
 * `target` / `steps` when that list is given. Component lists are optional (s8), so without the list
 * an id is only checked for being non-empty.
 *
 * Characterstring parameters (`{name=value}` at the start of the list or of an item, s12) "are not
 * validated by the LRS": they are skipped, whatever their name or value. Lengths are not limited
 * (s13.b4-b5).
 */
export function checkResponsePatterns(
  w: Walker,
  type: InteractionType,
  definition: JsonObject,
  patterns: unknown[],
): void {
  if (type === 'fill-in' || type === 'long-fill-in' || type === 'other') return;
  w.enter('correctResponsesPattern');
  for (let i = 0; i < patterns.length; i++) {
    const pattern = patterns[i];
    if (typeof pattern !== 'string') continue; // reported by the caller
    const problem = patternProblem(type, definition, pattern);
    if (problem !== undefined) w.report(i, problem, S.responsePatterns);
  }
  w.leave();
}

function patternProblem(type: InteractionType, definition: JsonObject, pattern: string): string | undefined {
  const body = skipParameters(pattern);
  switch (type) {
    case 'true-false':
      return body === 'true' || body === 'false'
        ? undefined
        : 'must be "true" or "false" for interactionType "true-false"';
    case 'choice':
    case 'sequencing':
      return itemList(type, body, definition.choices, 'choices');
    case 'likert':
      if (body === '' || body.includes('[,]')) return 'must be a single item id for interactionType "likert"';
      return idProblem(definition.scale, 'scale', body, 'item id');
    case 'matching':
      return pairList(body, definition);
    case 'performance':
      return stepList(body, definition.steps);
    case 'numeric':
      return isNumericRange(body)
        ? undefined
        : 'must be a number, or a range "min[:]max" of numbers with either end omitted, for interactionType "numeric"';
    default:
      return undefined;
  }
}

function itemList(type: string, body: string, list: unknown, listName: string): string | undefined {
  if (body === '') return undefined;
  for (const raw of body.split('[,]')) {
    const id = skipParameters(raw);
    if (id === '') return `must be item ids delimited by "[,]", with no empty item, for interactionType "${type}"`;
    const problem = idProblem(list, listName, id, 'item id');
    if (problem !== undefined) return problem;
  }
  return undefined;
}

function pairList(body: string, definition: JsonObject): string | undefined {
  return eachPair(body, (source, target, pair) => {
    if (!source || !target || target.includes('[.]')) {
      return `pair "${pair}" must be a source id and a target id delimited by "[.]" (pairs delimited by "[,]") for interactionType "matching"`;
    }
    return (
      idProblem(definition.source, 'source', source, 'source id') ??
      idProblem(definition.target, 'target', target, 'target id')
    );
  });
}

function stepList(body: string, steps: unknown): string | undefined {
  return eachPair(body, (step, _response, raw) => {
    if (!step)
      return `step "${raw}" must be a step id and a response delimited by "[.]" (steps delimited by "[,]") for interactionType "performance"`;
    return idProblem(steps, 'steps', step, 'step id');
  });
}

/** Items delimited by `[,]`, each split at its first `[.]` (both parts undefined when it has none); the first problem found. */
function eachPair(
  body: string,
  check: (first: string | undefined, second: string | undefined, item: string) => string | undefined,
): string | undefined {
  if (body === '') return undefined;
  for (const raw of body.split('[,]')) {
    const item = skipParameters(raw);
    const dot = item.indexOf('[.]');
    const problem = check(dot < 0 ? undefined : item.slice(0, dot), dot < 0 ? undefined : item.slice(dot + 3), item);
    if (problem !== undefined) return problem;
  }
  return undefined;
}

/** When the component list is given (and is an array), `id` must be the id of one of its components. */
function idProblem(list: unknown, listName: string, id: string, what: string): string | undefined {
  if (!Array.isArray(list)) return undefined;
  for (let i = 0; i < list.length; i++) {
    const component = list[i];
    if (typeof component === 'object' && component !== null && (component as JsonObject).id === id) return undefined;
  }
  return `${what} "${id}" is not the id of a component in ${listName}`;
}

/** Skips leading characterstring parameters `{name=value}` (s12), which are not validated. */
function skipParameters(value: string): string {
  let rest = value;
  while (rest.charCodeAt(0) === 0x7b /* { */) {
    const match = /^\{[^{}=]+=[^{}]*\}/.exec(rest);
    if (!match) break;
    rest = rest.slice(match[0].length);
  }
  return rest;
}

const NUMBER = /^[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?$/;

function isNumericRange(body: string): boolean {
  const colon = body.indexOf('[:]');
  if (colon < 0) return NUMBER.test(body);
  const min = body.slice(0, colon);
  const max = body.slice(colon + 3);
  return (min === '' || NUMBER.test(min)) && (max === '' || NUMBER.test(max));
}
