import type { Stage, StageName } from '#libs/framework';
import { EVIDENCE_EVENTS, type EvidenceEvent } from '../evidence/evidence.events.js';
import { ORGANISATION_EVENTS, type OrganisationEvent } from '../organisations/organisation.events.js';
import { JOB_ROLE_EVENTS, type JobRoleEvent } from '../roles/job-role.events.js';
import { IDENTIFIER_EVENTS, type IdentifierEvent } from '../workers/identifier.events.js';
import { WORKER_EVENTS, type WorkerEvent } from '../workers/worker.events.js';

/**
 * Every event type of the workforce bounded context; stream ids start with `workforce-`. Each type and
 * its data live beside the use cases that append it (`<aggregate>/<aggregate>.events.ts`); this is
 * the context's whole vocabulary, for the projection and the public face.
 */
export const WORKFORCE_EVENTS = {
  ...ORGANISATION_EVENTS,
  ...WORKER_EVENTS,
  ...IDENTIFIER_EVENTS,
  ...JOB_ROLE_EVENTS,
  ...EVIDENCE_EVENTS,
} as const;

export const WORKFORCE_STREAM_PREFIX = 'workforce-';

export * from '../evidence/evidence.events.js';
export * from '../organisations/organisation.events.js';
export * from '../roles/job-role.events.js';
export * from '../workers/identifier.events.js';
export * from '../workers/worker.events.js';

export type WorkforceEvent = OrganisationEvent | WorkerEvent | JobRoleEvent | IdentifierEvent | EvidenceEvent;

export type { Stage, StageName };
