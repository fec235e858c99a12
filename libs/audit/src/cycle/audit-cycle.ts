import { AUDIT_CYCLE_EVENTS as EV, type ActionStatus, type AuditCycleEvent } from './audit-cycle.events.js';
import { ConflictError, NotFoundError } from '#libs/workforce';

/** What the deciders of an audit cycle need to know about it, folded from its stream. */
export type AuditCycleState =
  | { readonly status: 'none' }
  | {
      readonly status: 'open' | 'completed';
      readonly auditId: string;
      readonly organisationId: string;
      readonly startedOn: string;
      readonly surveyThreshold: number;
      readonly actions: ReadonlyMap<string, ActionState>;
    };

/** An action's status now and the date of its last change (none while it is as planned). */
export interface ActionState {
  readonly status: ActionStatus;
  readonly changedOn?: string;
}

export type ExistingCycle = Exclude<AuditCycleState, { status: 'none' }>;

export const initialAuditCycle: AuditCycleState = { status: 'none' };

export function evolveAuditCycle(state: AuditCycleState, event: AuditCycleEvent): AuditCycleState {
  switch (event.type) {
    case EV.opened:
      return { status: 'open', ...event.data, actions: new Map() };
    case EV.actionPlanned:
    case EV.actionStatusChanged:
      if (state.status === 'none') return state;
      return { ...state, actions: new Map(state.actions).set(event.data.actionId, statusAfter(event)) };
    case EV.completed:
      return state.status === 'none' ? state : { ...state, status: 'completed' };
    default:
      return state;
  }
}

const statusAfter = (
  event: AuditCycleEvent & { type: typeof EV.actionPlanned | typeof EV.actionStatusChanged },
): ActionState =>
  event.type === EV.actionPlanned ? { status: 'open' } : { status: event.data.status, changedOn: event.data.changedOn };

/**
 * The cycle a command names, in the organisation of the route: a cycle of another organisation is
 * "not found" there, so its existence is not revealed.
 */
export function cycleOf(state: AuditCycleState, organisationId: string, auditId: string): ExistingCycle {
  if (state.status === 'none' || state.organisationId !== organisationId) {
    throw new NotFoundError('auditId', `no audit cycle "${auditId}" in organisation "${organisationId}"`);
  }
  return state;
}

/** Answers, self-assessments, the survey and the plan are the cycle's work: a completed cycle is kept as it was. */
export function openCycleOf(state: AuditCycleState, organisationId: string, auditId: string): ExistingCycle {
  const cycle = cycleOf(state, organisationId, auditId);
  if (cycle.status === 'completed')
    throw new ConflictError('auditId', `audit cycle "${auditId}" is completed and can no longer change`);
  return cycle;
}

/** How handlers fold an audit cycle's stream. */
export const auditCycleFold = { initial: initialAuditCycle, evolve: evolveAuditCycle };

/** A cycle's state from its stream's recorded events. */
export const foldAuditCycle = (events: readonly { type: string; version: number; data: unknown }[]): AuditCycleState =>
  events.reduce<AuditCycleState>((s, e) => evolveAuditCycle(s, e as AuditCycleEvent), initialAuditCycle);
