import { WORKER_EVENTS as EV, type ShareScope, type WorkerEvent, type WorkerIdentifier } from './worker.events.js';

export interface Membership {
  organisationId: string;
  from: string;
  to?: string;
}

export interface Invitation {
  organisationId: string;
  from: string;
  invitedBy: string;
}

/** Something the worker shares with an organisation (see `RecordShared`). */
export interface Share {
  withOrganisationId: string;
  scope: ShareScope;
}

export interface Assignment {
  roleId: string;
  organisationId: string;
  from: string;
  to?: string;
}

export type WorkerState =
  | { status: 'unknown' }
  | {
      status: 'registered';
      workerId: string;
      /** `statement`: registered by the evidence reactor and not (yet) through /api. */
      via: 'api' | 'statement';
      identifiers: WorkerIdentifier[];
      memberships: Membership[];
      assignments: Assignment[];
      /** Pending invitations, one per organisation: joining ends them. */
      invitations: Invitation[];
      /** What the worker shares with which organisation, beyond what each recorded itself. */
      shares: Share[];
      /** Organisations that reviewed this worker registered from their statements (confirmed or rejected). */
      reviewedBy: string[];
    }
  /** Known only from statements, then found to be `intoWorkerId` (an identifier handed over): closed. */
  | { status: 'merged'; workerId: string; intoWorkerId: string };

export type RegisteredWorker = Extract<WorkerState, { status: 'registered' }>;

export const initialWorker = (): WorkerState => ({ status: 'unknown' });

export function evolveWorker(state: WorkerState, event: WorkerEvent): WorkerState {
  if (event.type === EV.workerRegistered) {
    const via = event.data.via ?? 'api';
    if (state.status !== 'registered')
      return {
        status: 'registered',
        workerId: event.data.workerId,
        via,
        identifiers: event.data.identifiers,
        memberships: [],
        assignments: [],
        invitations: [],
        shares: [],
        reviewedBy: [],
      };
    // Registration through /api of a worker first seen in statements completes the same record.
    const known = new Set(state.identifiers.map((i) => i.ifi));
    return {
      ...state,
      via: state.via === 'api' ? 'api' : via,
      identifiers: [...state.identifiers, ...event.data.identifiers.filter((i) => !known.has(i.ifi))],
    };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case EV.workerMerged:
      return { status: 'merged', workerId: state.workerId, intoWorkerId: event.data.intoWorkerId };
    case EV.workerFromStatementConfirmed:
    case EV.workerFromStatementRejected:
      return { ...state, reviewedBy: [...state.reviewedBy, event.data.organisationId] };
    case EV.workerIdentifierAdded:
      return { ...state, identifiers: [...state.identifiers, event.data.identifier] };
    case EV.workerJoinedOrganisation:
      return {
        ...state,
        memberships: [...state.memberships, { organisationId: event.data.organisationId, from: event.data.from }],
        invitations: state.invitations.filter((i) => i.organisationId !== event.data.organisationId),
      };
    case EV.workerInvited: {
      const { organisationId, from, invitedBy } = event.data;
      return {
        ...state,
        invitations: [
          ...state.invitations.filter((i) => i.organisationId !== organisationId),
          { organisationId, from, invitedBy },
        ],
      };
    }
    case EV.invitationDeclined:
      return { ...state, invitations: state.invitations.filter((i) => i.organisationId !== event.data.organisationId) };
    case EV.recordShared:
      return {
        ...state,
        shares: [...state.shares, { withOrganisationId: event.data.withOrganisationId, scope: event.data.scope }],
      };
    case EV.recordShareWithdrawn: {
      const withdrawn = { withOrganisationId: event.data.withOrganisationId, scope: event.data.scope };
      return { ...state, shares: state.shares.filter((s) => !sameShare(s, withdrawn)) };
    }
    case EV.workerLeftOrganisation:
      return {
        ...state,
        memberships: state.memberships.map((m) =>
          m.organisationId === event.data.organisationId && !m.to ? { ...m, to: event.data.to } : m,
        ),
      };
    case EV.roleAssigned:
      return {
        ...state,
        assignments: [
          ...state.assignments,
          { roleId: event.data.roleId, organisationId: event.data.organisationId, from: event.data.from },
        ],
      };
    case EV.roleAssignmentEnded:
      return {
        ...state,
        assignments: state.assignments.map((a) =>
          a.roleId === event.data.roleId && !a.to ? { ...a, to: event.data.to } : a,
        ),
      };
  }
}

export const currentMembership = (state: RegisteredWorker, organisationId: string) =>
  state.memberships.find((m) => m.organisationId === organisationId && !m.to);

export const currentAssignments = (state: RegisteredWorker) => state.assignments.filter((a) => !a.to);

/**
 * Who may act on a worker as if the worker were theirs alone: every organisation the worker belongs or
 * belonged to. `'any'` is a platform admin's reach.
 */
export type Reach = 'any' | readonly string[];

/**
 * Whether every organisation that knows the worker (a membership, past or present) is within `reach`.
 * A worker known elsewhere is someone else's employee too: they join by accepting an invitation.
 */
export function knownOnlyWithin(state: WorkerState, reach: Reach): boolean {
  if (reach === 'any') return true;
  if (state.status !== 'registered') return true;
  return state.memberships.every((m) => reach.includes(m.organisationId));
}

export function sameShare(a: Share, b: Share): boolean {
  if (a.withOrganisationId !== b.withOrganisationId || a.scope.kind !== b.scope.kind) return false;
  if (a.scope.kind === 'record' || b.scope.kind === 'record') return true;
  return a.scope.organisationId === b.scope.organisationId && a.scope.statementId === b.scope.statementId;
}
