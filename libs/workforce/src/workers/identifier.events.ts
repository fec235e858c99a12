import { createHash } from 'node:crypto';
import type { DomainEvent } from '../domain/domain-event.js';

/** The events of an identifier's claim stream, appended by register-worker, add-identifier and the evidence reactor. */
export const IDENTIFIER_EVENTS = {
  identifierClaimed: 'workforce.IdentifierClaimed',
  identifierHandedOver: 'workforce.IdentifierHandedOver',
} as const;

/**
 * One stream per xAPI identifier: who holds it. Appending its first event with `no_stream` is what
 * makes a claim race-free across processes (see workers/identifier-claims.ts).
 */
export const identifierStream = (ifi: string) =>
  `workforce-identifier-${createHash('sha256').update(ifi, 'utf8').digest('hex').slice(0, 40)}`;

/** The first holder of an identifier (stream `workforce-identifier-<hash>`). */
export interface IdentifierClaimed {
  ifi: string;
  workerId: string;
  agent: Record<string, unknown>;
}
/** A worker known only from statements hands its identifier to a registered worker. */
export interface IdentifierHandedOver {
  ifi: string;
  fromWorkerId: string;
  toWorkerId: string;
}

export type IdentifierEvent =
  | DomainEvent<typeof IDENTIFIER_EVENTS.identifierClaimed, IdentifierClaimed>
  | DomainEvent<typeof IDENTIFIER_EVENTS.identifierHandedOver, IdentifierHandedOver>;
