import type { StageName } from './types.js';

/** Base of every IRI the CLF profile and catalogue mint. */
export const CLF_BASE_IRI = 'https://w3id.org/xapi/clf/';

export const personalCapabilityId = (slug: string): string => `pc.${slug}`;
export const organisationalCapabilityId = (slug: string): string => `oc.${slug}`;

export const personalCapabilityIri = (slug: string): string => `${CLF_BASE_IRI}capabilities/${slug}`;
export const organisationalCapabilityIri = (slug: string): string =>
  `${CLF_BASE_IRI}capabilities/organisational/${slug}`;

export const personalIndicatorId = (slug: string, stage: StageName, position: number): string =>
  `pc.${slug}.${stage}.${position}`;
export const personalIndicatorIri = (slug: string, stage: StageName, position: number): string =>
  `${CLF_BASE_IRI}indicators/${slug}/${stage}/${position}`;

export type OrganisationalIndicatorRole = 'organisation' | 'worker';

export const organisationalIndicatorId = (
  slug: string,
  stage: StageName,
  role: OrganisationalIndicatorRole,
  position: number,
): string => `oc.${slug}.${stage}.${role}.${position}`;
export const organisationalIndicatorIri = (
  slug: string,
  stage: StageName,
  role: OrganisationalIndicatorRole,
  position: number,
): string => `${CLF_BASE_IRI}indicators/organisational/${slug}/${stage}/${role}/${position}`;

export const auditQuestionId = (capabilitySlug: string, areaKey: string, position: number): string =>
  `oc.${capabilitySlug}.audit.${areaKey}.q${position}`;
export const auditQuestionIri = (capabilitySlug: string, areaKey: string, position: number): string =>
  `${CLF_BASE_IRI}audit-questions/${capabilitySlug}/${areaKey}/${position}`;
