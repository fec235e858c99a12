import { isIsoDuration } from '../formats/duration.js';
import { S } from './sections.js';
import { booleanAt, extensionsAt, numberAt, objectAt, onlyKnownKeys, stringAt, type JsonObject } from './values.js';
import { visit, type Walker } from './walker.js';

const RESULT_KEYS: ReadonlySet<string> = new Set([
  'score',
  'success',
  'completion',
  'response',
  'duration',
  'extensions',
]);
const SCORE_KEYS: ReadonlySet<string> = new Set(['scaled', 'raw', 'min', 'max']);

export function validateResult(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.result)) return;
  onlyKnownKeys(w, value, RESULT_KEYS, 'a Result');
  if (value.score !== undefined) visit(w, 'score', value.score, validateScore);
  if (value.success !== undefined) booleanAt(w, 'success', value.success, S.result);
  if (value.completion !== undefined) booleanAt(w, 'completion', value.completion, S.result);
  if (value.response !== undefined) stringAt(w, 'response', value.response, S.result);
  if (
    value.duration !== undefined &&
    stringAt(w, 'duration', value.duration, S.durations) &&
    !isIsoDuration(value.duration)
  ) {
    w.report('duration', 'must be an ISO 8601 duration (PnYnMnDTnHnMnS or PnW)', S.durations);
  }
  if (value.extensions !== undefined) extensionsAt(w, 'extensions', value.extensions);
}

export function validateScore(w: Walker, value: unknown): void {
  if (!objectAt(w, null, value, S.score)) return;
  onlyKnownKeys(w, value, SCORE_KEYS, 'a Score');
  const scaled = optionalNumber(w, value, 'scaled');
  const raw = optionalNumber(w, value, 'raw');
  const min = optionalNumber(w, value, 'min');
  const max = optionalNumber(w, value, 'max');
  if (scaled !== undefined && (scaled < -1 || scaled > 1))
    w.report('scaled', 'must be between -1 and 1 inclusive', S.score);
  if (min !== undefined && max !== undefined && min >= max) w.report('min', 'must be less than max', S.score);
  if (raw !== undefined && min !== undefined && raw < min) w.report('raw', 'must not be less than min', S.score);
  if (raw !== undefined && max !== undefined && raw > max) w.report('raw', 'must not be greater than max', S.score);
}

function optionalNumber(w: Walker, score: JsonObject, key: string): number | undefined {
  const value = score[key];
  return value !== undefined && numberAt(w, key, value, S.score) ? value : undefined;
}
