// The public JSON shape of the catalogue: what GET /api/framework promises, kept apart from the internal model
// so internal fields can change without breaking clients.
import type { z } from 'zod';
import type { Writable } from '#libs/platform';
import { auditStructure } from '../catalogue/audit.js';
import { CATALOGUE_VERSION, frameworkCatalogue } from '../catalogue/catalogue.js';
import type {
  AuditStructure,
  Capability,
  Indicator,
  OrganisationalCapability,
  PersonalCapability,
} from '../catalogue/types.js';
import type {
  auditStructureResponse,
  capabilityResponse,
  frameworkResponse,
  organisationalCapabilityResponse,
  personalCapabilityResponse,
} from './framework.response.js';

type IndicatorView = PersonalCapabilityView['stages'][number]['indicators'][number];
export type PersonalCapabilityView = z.output<typeof personalCapabilityResponse>;
export type OrganisationalCapabilityView = z.output<typeof organisationalCapabilityResponse>;
export type CapabilityView = z.output<typeof capabilityResponse>;
export type FrameworkView = z.output<typeof frameworkResponse>;
export type AuditView = z.output<typeof auditStructureResponse>;

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

export const capabilityView = (c: Capability): CapabilityView =>
  c.kind === 'personal' ? personalCapabilityView(c) : organisationalCapabilityView(c);

export const frameworkView: FrameworkView = {
  version: frameworkCatalogue.version,
  stages: [...frameworkCatalogue.stages],
  personalCapabilities: frameworkCatalogue.personalCapabilities.map(personalCapabilityView),
  organisationalCapabilities: frameworkCatalogue.organisationalCapabilities.map(organisationalCapabilityView),
};

// The same shape (checked in framework.response.ts), readonly aside.
export const auditView: AuditView = {
  version: CATALOGUE_VERSION,
  ...(auditStructure as Writable<AuditStructure>),
};
