import type { z } from 'zod';
import { findCapability, findIndicator } from '#libs/framework';
import type { RecordKind } from '../evidence/evidence-kinds.js';
import type { CapabilityRefSchema, IndicatorRefSchema } from './response-parts.js';

/**
 * What responses and exports say beside every id, so a person reads them without the catalogue:
 * capability names and indicator texts come from the CLF catalogue (libs/framework), kinds and sources
 * in words.
 */
export const KIND_IN_WORDS: Record<RecordKind, string> = {
  'indicator-assessment': 'Indicator judged',
  'learning-activity': 'Learning activity',
  qualification: 'Qualification',
  'reflective-account': 'Reflective account',
  feedback: 'Feedback',
  assessment: 'Assessment',
  'learning-need': 'Learning need',
  'plan-item': 'Learning plan item',
  'prior-learning': 'Prior learning recognised',
  'learning-record': 'Other learning record',
};

export const SOURCE_IN_WORDS: Record<string, string> = {
  'line-manager': 'Line manager',
  colleague: 'Colleague',
  'person-using-services': 'A person who uses services',
  carer: 'A carer',
  self: 'Self',
  assessor: 'Assessor',
};

export const kindInWords = (kind: string): string => KIND_IN_WORDS[kind as RecordKind] ?? kind;
export const sourceInWords = (source: string | null): string | null =>
  source === null ? null : (SOURCE_IN_WORDS[source] ?? source);

export type CapabilityRef = z.output<typeof CapabilityRefSchema>;
export type IndicatorRef = z.output<typeof IndicatorRefSchema>;

/** Ids the catalogue no longer knows keep their id as their name, so nothing is dropped. */
export const capabilityRefs = (ids: readonly string[]): CapabilityRef[] =>
  ids.map((id) => ({ id, name: findCapability(id)?.name ?? id }));
export const indicatorRefs = (ids: readonly string[]): IndicatorRef[] =>
  ids.map((id) => ({ id, text: findIndicator(id)?.text ?? id }));
export const capabilityName = (id: string): string => findCapability(id)?.name ?? id;
export const indicatorText = (id: string): string => findIndicator(id)?.text ?? id;

/** The words a record carries beyond its title: the feedback, the reflective account, an assessor's note. */
export function recordText(details: Record<string, unknown>): string | null {
  for (const key of ['feedback', 'account', 'note']) {
    const value = details[key];
    if (typeof value === 'string' && value.trim() !== '') return value;
  }
  return null;
}
