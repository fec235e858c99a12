import type { DomainEvent } from '../domain/domain-event.js';

/** The events of an organisation's stream (`workforce-organisation-<id>`), appended by register-organisation and change-organisation-details. */
export const ORGANISATION_EVENTS = {
  organisationRegistered: 'workforce.OrganisationRegistered',
  organisationDetailsChanged: 'workforce.OrganisationDetailsChanged',
} as const;

export const organisationStream = (organisationId: string) => `workforce-organisation-${organisationId}`;

export const SECTORS = ['public', 'private', 'voluntary'] as const;
export type Sector = (typeof SECTORS)[number];
/** Employer size by number of staff, the bands evaluations segment by. */
export const SIZE_BANDS = ['micro', 'small', 'medium', 'large'] as const;
export type SizeBand = (typeof SIZE_BANDS)[number];

export interface OrganisationDetails {
  name: string;
  sector: Sector;
  region: string;
  serviceType: string;
  sizeBand: SizeBand;
}

export interface OrganisationRegistered extends OrganisationDetails {
  organisationId: string;
}
export interface OrganisationDetailsChanged extends OrganisationDetails {
  organisationId: string;
}

export type OrganisationEvent =
  | DomainEvent<typeof ORGANISATION_EVENTS.organisationRegistered, OrganisationRegistered>
  | DomainEvent<typeof ORGANISATION_EVENTS.organisationDetailsChanged, OrganisationDetailsChanged>;
