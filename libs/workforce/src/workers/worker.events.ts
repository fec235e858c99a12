import type { DomainEvent } from '../domain/domain-event.js';

/**
 * The events of a worker's stream (`workforce-worker-<id>`), appended by the use cases under workers/
 * and by the evidence reactor (a worker first seen in statements).
 */
export const WORKER_EVENTS = {
  workerRegistered: 'workforce.WorkerRegistered',
  workerIdentifierAdded: 'workforce.WorkerIdentifierAdded',
  workerJoinedOrganisation: 'workforce.WorkerJoinedOrganisation',
  workerLeftOrganisation: 'workforce.WorkerLeftOrganisation',
  /** An organisation asked a worker known to another organisation to join it; they join when they accept. */
  workerInvited: 'workforce.WorkerInvited',
  /** The worker (or a platform admin) declined an organisation's invitation: it is no longer pending. */
  invitationDeclined: 'workforce.InvitationDeclined',
  /** The worker shared their whole record, or one piece of evidence, with an organisation they belong to. */
  recordShared: 'workforce.RecordShared',
  /** The worker withdrew a share: the organisation no longer sees what it covered. */
  recordShareWithdrawn: 'workforce.RecordShareWithdrawn',
  roleAssigned: 'workforce.RoleAssigned',
  roleAssignmentEnded: 'workforce.RoleAssignmentEnded',
  /** A worker first seen in statements became part of a registered worker (identifier handed over). */
  workerMerged: 'workforce.WorkerMerged',
  /** An organisation's learning lead confirmed a worker its LRS client's statements registered: reviewed, stays. */
  workerFromStatementConfirmed: 'workforce.WorkerFromStatementConfirmed',
  /** An organisation's learning lead rejected such a worker: reviewed, and no longer a member there. */
  workerFromStatementRejected: 'workforce.WorkerFromStatementRejected',
} as const;

export const workerStream = (workerId: string) => `workforce-worker-${workerId}`;

/** One xAPI inverse functional identifier: `ifi` is its canonical text (see `agentIfi`), `agent` the identifier as sent. */
export interface WorkerIdentifier {
  ifi: string;
  agent: Record<string, unknown>;
}

export interface WorkerRegistered {
  workerId: string;
  name?: string;
  identifiers: WorkerIdentifier[];
  registrationNumber?: string;
  /**
   * `statement`: registered by the evidence reactor, the actor of a statement from an LRS client being
   * unknown. Absent: registered through /api (which may later complete a worker first seen in statements).
   */
  via?: 'statement';
}
export interface WorkerIdentifierAdded {
  workerId: string;
  identifier: WorkerIdentifier;
}
export interface WorkerJoinedOrganisation {
  workerId: string;
  organisationId: string;
  /** ISO date (YYYY-MM-DD) the membership starts. */
  from: string;
}
/** Stays pending until the worker (signed in) or a platform admin accepts it: then `WorkerJoinedOrganisation`. */
export interface WorkerInvited {
  workerId: string;
  organisationId: string;
  /** ISO date the membership would start. */
  from: string;
  /** The user who invited. */
  invitedBy: string;
}
/** v1. The invitation of `organisationId` ends without the worker joining. */
export interface InvitationDeclined {
  workerId: string;
  organisationId: string;
  /** The user who declined: the worker, or a platform admin. */
  declinedBy: string;
}

/**
 * What a worker shares with an organisation: their whole record, or the evidence of one statement
 * (stored by `organisationId`, the organisation whose LRS holds it).
 */
export type ShareScope = { kind: 'record' } | { kind: 'evidence'; organisationId: string; statementId: string };

/** v1. An organisation sees only the evidence recorded in it, plus what the worker shares with it. */
export interface RecordShared {
  workerId: string;
  /** The organisation that may now see it: one the worker is a current member of. */
  withOrganisationId: string;
  scope: ShareScope;
  sharedBy: string;
}
/** v1. The share ends: the organisation sees only what other shares and its own records give it. */
export interface RecordShareWithdrawn {
  workerId: string;
  withOrganisationId: string;
  scope: ShareScope;
  withdrawnBy: string;
}

export interface WorkerLeftOrganisation {
  workerId: string;
  organisationId: string;
  to: string;
}

/** `workerId`, known only from statements, is the same person as `intoWorkerId`: its records move there. */
export interface WorkerMerged {
  workerId: string;
  intoWorkerId: string;
  /** The identifier handed over, which showed they are the same person. */
  identifier: WorkerIdentifier;
}

/**
 * v1. `organisationId` reviewed a worker registered from its statements (`WorkerRegistered.via`
 * `statement`) and keeps them. Reviewed once per organisation.
 */
export interface WorkerFromStatementConfirmed {
  workerId: string;
  organisationId: string;
  confirmedBy: string;
  note?: string;
}
/**
 * v1. `organisationId` reviewed such a worker and does not employ them: appended with the
 * `WorkerLeftOrganisation` (and `RoleAssignmentEnded`) that end the membership on the same day.
 */
export interface WorkerFromStatementRejected {
  workerId: string;
  organisationId: string;
  rejectedBy: string;
  note?: string;
}

export interface RoleAssigned {
  workerId: string;
  roleId: string;
  organisationId: string;
  from: string;
}
export interface RoleAssignmentEnded {
  workerId: string;
  roleId: string;
  to: string;
}

export type WorkerEvent =
  | DomainEvent<typeof WORKER_EVENTS.workerRegistered, WorkerRegistered>
  | DomainEvent<typeof WORKER_EVENTS.workerIdentifierAdded, WorkerIdentifierAdded>
  | DomainEvent<typeof WORKER_EVENTS.workerJoinedOrganisation, WorkerJoinedOrganisation>
  | DomainEvent<typeof WORKER_EVENTS.workerLeftOrganisation, WorkerLeftOrganisation>
  | DomainEvent<typeof WORKER_EVENTS.workerInvited, WorkerInvited>
  | DomainEvent<typeof WORKER_EVENTS.invitationDeclined, InvitationDeclined>
  | DomainEvent<typeof WORKER_EVENTS.recordShared, RecordShared>
  | DomainEvent<typeof WORKER_EVENTS.recordShareWithdrawn, RecordShareWithdrawn>
  | DomainEvent<typeof WORKER_EVENTS.roleAssigned, RoleAssigned>
  | DomainEvent<typeof WORKER_EVENTS.roleAssignmentEnded, RoleAssignmentEnded>
  | DomainEvent<typeof WORKER_EVENTS.workerMerged, WorkerMerged>
  | DomainEvent<typeof WORKER_EVENTS.workerFromStatementConfirmed, WorkerFromStatementConfirmed>
  | DomainEvent<typeof WORKER_EVENTS.workerFromStatementRejected, WorkerFromStatementRejected>;
