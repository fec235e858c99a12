import { WORKFORCE_EVENTS as EV, type WorkerEvent, type WorkerIdentifier } from '../domain/events.js';

export interface Membership {
  organisationId: string;
  from: string;
  to?: string;
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
      identifiers: WorkerIdentifier[];
      memberships: Membership[];
      assignments: Assignment[];
    };

export type RegisteredWorker = Extract<WorkerState, { status: 'registered' }>;

export const initialWorker = (): WorkerState => ({ status: 'unknown' });

export function evolveWorker(state: WorkerState, event: WorkerEvent): WorkerState {
  if (event.type === EV.workerRegistered) {
    return { status: 'registered', workerId: event.data.workerId, identifiers: event.data.identifiers, memberships: [], assignments: [] };
  }
  if (state.status !== 'registered') return state;
  switch (event.type) {
    case EV.workerIdentifierAdded:
      return { ...state, identifiers: [...state.identifiers, event.data.identifier] };
    case EV.workerJoinedOrganisation:
      return { ...state, memberships: [...state.memberships, { organisationId: event.data.organisationId, from: event.data.from }] };
    case EV.workerLeftOrganisation:
      return {
        ...state,
        memberships: state.memberships.map((m) => (m.organisationId === event.data.organisationId && !m.to ? { ...m, to: event.data.to } : m)),
      };
    case EV.roleAssigned:
      return { ...state, assignments: [...state.assignments, { roleId: event.data.roleId, organisationId: event.data.organisationId, from: event.data.from }] };
    case EV.roleAssignmentEnded:
      return {
        ...state,
        assignments: state.assignments.map((a) => (a.roleId === event.data.roleId && !a.to ? { ...a, to: event.data.to } : a)),
      };
  }
}

export const currentMembership = (state: RegisteredWorker, organisationId: string) =>
  state.memberships.find((m) => m.organisationId === organisationId && !m.to);

export const currentAssignments = (state: RegisteredWorker) => state.assignments.filter((a) => !a.to);
