// The public JSON shape of the catalogue: what GET /api/framework promises, kept apart from the internal model
// so internal fields can change without breaking clients.
import { auditStructure } from '../catalogue/audit.js';
import { CATALOGUE_VERSION, frameworkCatalogue } from '../catalogue/catalogue.js';
import type {
  AuditStructure,
  Capability,
  Indicator,
  OrganisationalCapability,
  PersonalCapability,
  StageDescriptor,
  StageName,
} from '../catalogue/types.js';

export interface IndicatorView {
  readonly id: string;
  readonly iri: string;
  readonly text: string;
  readonly sourceNote?: string;
}

export interface PersonalCapabilityView {
  readonly kind: 'personal';
  readonly id: string;
  readonly iri: string;
  readonly name: string;
  readonly group: PersonalCapability['group'];
  readonly stages: readonly { readonly stage: StageName; readonly indicators: readonly IndicatorView[] }[];
}

export interface OrganisationalCapabilityView {
  readonly kind: 'organisational';
  readonly id: string;
  readonly iri: string;
  readonly number: number;
  readonly name: string;
  readonly summary: string;
  readonly stages: readonly {
    readonly stage: StageName;
    readonly organisationIndicators: readonly IndicatorView[];
    readonly workerIndicators: readonly IndicatorView[];
  }[];
}

export interface FrameworkView {
  readonly version: string;
  readonly stages: readonly StageDescriptor[];
  readonly personalCapabilities: readonly PersonalCapabilityView[];
  readonly organisationalCapabilities: readonly OrganisationalCapabilityView[];
}

const indicatorView = (i: Indicator): IndicatorView => ({
  id: i.id,
  iri: i.iri,
  text: i.text,
  ...(i.sourceNote ? { sourceNote: i.sourceNote } : {}),
});

export const personalCapabilityView = (c: PersonalCapability): PersonalCapabilityView => ({
  kind: 'personal',
  id: c.id,
  iri: c.iri,
  name: c.name,
  group: c.group,
  stages: c.stages.map((s) => ({ stage: s.stage, indicators: s.indicators.map(indicatorView) })),
});

export const organisationalCapabilityView = (c: OrganisationalCapability): OrganisationalCapabilityView => ({
  kind: 'organisational',
  id: c.id,
  iri: c.iri,
  number: c.number,
  name: c.name,
  summary: c.summary,
  stages: c.stages.map((s) => ({
    stage: s.stage,
    organisationIndicators: s.organisationIndicators.map(indicatorView),
    workerIndicators: s.workerIndicators.map(indicatorView),
  })),
});

export const capabilityView = (c: Capability): PersonalCapabilityView | OrganisationalCapabilityView =>
  c.kind === 'personal' ? personalCapabilityView(c) : organisationalCapabilityView(c);

export const frameworkView: FrameworkView = {
  version: frameworkCatalogue.version,
  stages: frameworkCatalogue.stages,
  personalCapabilities: frameworkCatalogue.personalCapabilities.map(personalCapabilityView),
  organisationalCapabilities: frameworkCatalogue.organisationalCapabilities.map(organisationalCapabilityView),
};

export const auditView: { readonly version: string } & AuditStructure = {
  version: CATALOGUE_VERSION,
  ...auditStructure,
};
