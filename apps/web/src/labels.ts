import type { Framework, PersonalCapability, RecordKind, StageName } from './api/types';

export const STAGE_LABELS: Record<StageName, string> = {
  'not-yet-engaged': 'Not yet engaged',
  engaged: 'Engaged',
  established: 'Established',
  accomplished: 'Accomplished',
  exemplary: 'Exemplary',
};

export const stageLabel = (stage: string): string => STAGE_LABELS[stage as StageName] ?? stage;
export const stageIndex = (stage: StageName): number =>
  ['not-yet-engaged', 'engaged', 'established', 'accomplished', 'exemplary'].indexOf(stage);

export const GROUP_LABELS: Record<PersonalCapability['group'], string> = {
  'managing-self': 'Managing self',
  'managing-relationships': 'Managing relationships',
};

export const KIND_LABELS: Record<RecordKind, string> = {
  'indicator-assessment': 'Indicator judged',
  'learning-activity': 'Learning activity',
  qualification: 'Qualification',
  'reflective-account': 'Reflective account',
  feedback: 'Feedback',
  assessment: 'Assessment',
  'learning-need': 'Learning need',
  'plan-item': 'Plan item',
  'prior-learning': 'Prior learning recognised',
  'learning-record': 'Other learning record',
};

export const SOURCE_LABELS: Record<string, string> = {
  'line-manager': 'line manager',
  colleague: 'colleague',
  'person-using-services': 'person using services',
  carer: 'carer',
  self: 'self',
  assessor: 'assessor',
};

export const sourceLabel = (source: string | null): string | null =>
  source ? (SOURCE_LABELS[source] ?? source) : null;

const dateFormat = new Intl.DateTimeFormat('en-GB', {
  day: 'numeric',
  month: 'short',
  year: 'numeric',
  timeZone: 'UTC',
});
export const formatDate = (iso: string): string => dateFormat.format(new Date(iso));

/**
 * A period whose end comes before its start, in words naming both fields (the API answers such a period
 * with nothing at all, which reads as "no records" rather than as a mistake); undefined when it is fine.
 */
export function reversedPeriod(from: string | undefined, to: string | undefined): string | undefined {
  if (!from || !to || from <= to) return undefined;
  return `"To" (${formatDate(to)}) is before "From" (${formatDate(from)}): choose a "To" date on or after the "From" date.`;
}

export function formatDuration(seconds: number | null): string | null {
  if (seconds === null || seconds === 0) return null;
  const hours = Math.floor(seconds / 3600);
  const minutes = Math.round((seconds % 3600) / 60);
  return [hours ? `${hours} h` : '', minutes ? `${minutes} min` : ''].filter(Boolean).join(' ');
}

/** Lookups into the catalogue by id: capability names and indicator texts, in the catalogue's words. */
export interface Catalogue {
  capability(id: string): PersonalCapability | undefined;
  capabilityName(id: string): string;
  indicator(id: string): { text: string; stage: StageName; capabilityId: string } | undefined;
}

export function catalogueOf(framework: Framework): Catalogue {
  const capabilities = new Map(framework.personalCapabilities.map((c) => [c.id, c]));
  const indicators = new Map<string, { text: string; stage: StageName; capabilityId: string }>();
  for (const c of framework.personalCapabilities)
    for (const s of c.stages)
      for (const i of s.indicators) indicators.set(i.id, { text: i.text, stage: s.stage, capabilityId: c.id });
  return {
    capability: (id) => capabilities.get(id),
    capabilityName: (id) => capabilities.get(id)?.name ?? id,
    indicator: (id) => indicators.get(id),
  };
}
