import type { DomainEvent } from '../shared/audit-streams.service.js';

/** An organisation's awareness and use of the CLF over time, in `audit-adoption-<organisationId>`. */
export const ADOPTION_EVENTS = {
  recorded: 'audit.ClfAdoptionRecorded',
} as const;

export const adoptionStream = (organisationId: string) => `audit-adoption-${organisationId}`;

/** aware: knows the CLF; using: uses it (e.g. in supervision or an audit); stopped: no longer uses it. */
export const ADOPTION_STATUSES = ['aware', 'using', 'stopped'] as const;
export type AdoptionStatus = (typeof ADOPTION_STATUSES)[number];

export type ClfAdoptionRecorded = DomainEvent<
  typeof ADOPTION_EVENTS.recorded,
  { organisationId: string; status: AdoptionStatus; effectiveOn: string }
>;
