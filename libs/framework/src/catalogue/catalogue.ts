import {
  organisationalCapabilityId,
  organisationalCapabilityIri,
  organisationalIndicatorId,
  organisationalIndicatorIri,
  personalCapabilityId,
  personalCapabilityIri,
  personalIndicatorId,
  personalIndicatorIri,
  type OrganisationalIndicatorRole,
} from './iris.js';
import { organisationalCapabilitySources } from './organisational-capabilities.js';
import { personalCapabilitySources } from './personal-capabilities.js';
import { stageDescriptors } from './stages.js';
import {
  STAGE_NAMES,
  type Capability,
  type Indicator,
  type OrganisationalCapability,
  type OrganisationalCapabilitySource,
  type PersonalCapability,
  type PersonalCapabilitySource,
  type StageDescriptor,
  type StageName,
} from './types.js';

/**
 * Version of the catalogue's content. Bump it whenever a text, an indicator or an id changes, because evidence
 * recorded against an indicator id is only meaningful with the catalogue version it was recorded under.
 */
export const CATALOGUE_VERSION = '2026.1';

function buildPersonalCapability(source: PersonalCapabilitySource): PersonalCapability {
  const id = personalCapabilityId(source.slug);
  return {
    kind: 'personal',
    id,
    iri: personalCapabilityIri(source.slug),
    name: source.name,
    group: source.group,
    stages: STAGE_NAMES.map((stage) => {
      const sourceNote = source.sourceNotes?.[stage];
      return {
        stage,
        indicators: source.indicators[stage].map((text, i) => ({
          id: personalIndicatorId(source.slug, stage, i + 1),
          iri: personalIndicatorIri(source.slug, stage, i + 1),
          text,
          capabilityId: id,
          stage,
          role: 'personal' as const,
          ...(sourceNote ? { sourceNote } : {}),
        })),
        ...(sourceNote ? { sourceNote } : {}),
      };
    }),
  };
}

function buildOrganisationalIndicators(
  source: OrganisationalCapabilitySource,
  stage: StageName,
  role: OrganisationalIndicatorRole,
): Indicator[] {
  const texts = role === 'organisation' ? source.organisationIndicators[stage] : source.workerIndicators[stage];
  return texts.map((text, i) => ({
    id: organisationalIndicatorId(source.slug, stage, role, i + 1),
    iri: organisationalIndicatorIri(source.slug, stage, role, i + 1),
    text,
    capabilityId: organisationalCapabilityId(source.slug),
    stage,
    role,
  }));
}

function buildOrganisationalCapability(
  source: OrganisationalCapabilitySource,
  index: number,
): OrganisationalCapability {
  return {
    kind: 'organisational',
    id: organisationalCapabilityId(source.slug),
    iri: organisationalCapabilityIri(source.slug),
    number: index + 1,
    name: source.name,
    summary: source.summary,
    stages: STAGE_NAMES.map((stage) => ({
      stage,
      organisationIndicators: buildOrganisationalIndicators(source, stage, 'organisation'),
      workerIndicators: buildOrganisationalIndicators(source, stage, 'worker'),
    })),
  };
}

export const stages: readonly StageDescriptor[] = stageDescriptors;
export const personalCapabilities: readonly PersonalCapability[] =
  personalCapabilitySources.map(buildPersonalCapability);
export const organisationalCapabilities: readonly OrganisationalCapability[] =
  organisationalCapabilitySources.map(buildOrganisationalCapability);
export const capabilities: readonly Capability[] = [...personalCapabilities, ...organisationalCapabilities];

/** Every indicator of a capability at one stage; for an organisational capability, organisation and worker ones. */
export function indicatorsAt(capability: Capability, stage: StageName): readonly Indicator[] {
  if (capability.kind === 'personal') {
    return capability.stages.find((s) => s.stage === stage)?.indicators ?? [];
  }
  const s = capability.stages.find((x) => x.stage === stage);
  return s ? [...s.organisationIndicators, ...s.workerIndicators] : [];
}

export function indicatorsOf(capability: Capability): readonly Indicator[] {
  return STAGE_NAMES.flatMap((stage) => indicatorsAt(capability, stage));
}

export const allIndicators: readonly Indicator[] = capabilities.flatMap(indicatorsOf);

const capabilitiesById = new Map(capabilities.map((c) => [c.id, c]));
const capabilitiesByIri = new Map(capabilities.map((c) => [c.iri, c]));
const indicatorsById = new Map(allIndicators.map((i) => [i.id, i]));
const indicatorsByIri = new Map(allIndicators.map((i) => [i.iri, i]));

export const findCapability = (id: string): Capability | undefined => capabilitiesById.get(id);
export const findCapabilityByIri = (iri: string): Capability | undefined => capabilitiesByIri.get(iri);
export const findIndicator = (id: string): Indicator | undefined => indicatorsById.get(id);
export const findIndicatorByIri = (iri: string): Indicator | undefined => indicatorsByIri.get(iri);

export interface FrameworkCatalogue {
  readonly version: string;
  readonly stages: readonly StageDescriptor[];
  readonly personalCapabilities: readonly PersonalCapability[];
  readonly organisationalCapabilities: readonly OrganisationalCapability[];
}

export const frameworkCatalogue: FrameworkCatalogue = {
  version: CATALOGUE_VERSION,
  stages,
  personalCapabilities,
  organisationalCapabilities,
};
