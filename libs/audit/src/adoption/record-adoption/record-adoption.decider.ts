import { NotFoundError } from '#libs/workforce';
import { ADOPTION_EVENTS as EV, type AdoptionStatus, type ClfAdoptionRecorded } from '../adoption.events.js';
import type { RecordAdoption } from './record-adoption.command.js';

/** The statuses recorded so far, by effective date (`status@date`), so a repeat records nothing. */
export type AdoptionState = ReadonlySet<string>;

export const initialAdoption: AdoptionState = new Set();

const key = (status: AdoptionStatus, effectiveOn: string) => `${status}@${effectiveOn}`;

export function evolveAdoption(state: AdoptionState, event: ClfAdoptionRecorded): AdoptionState {
  return new Set(state).add(key(event.data.status, event.data.effectiveOn));
}

/**
 * Any status on any date may be recorded, also backdated: history is read by effective date. The same
 * status on the same date again records nothing (a retried request).
 */
export function decideRecordAdoption(
  command: RecordAdoption,
  state: AdoptionState,
  organisationRegistered: boolean,
): ClfAdoptionRecorded[] {
  if (!organisationRegistered)
    throw new NotFoundError('id', `no organisation "${command.organisationId}" is registered`);
  if (state.has(key(command.status, command.effectiveOn))) return [];
  const { organisationId, status, effectiveOn } = command;
  return [{ type: EV.recorded, version: 1, data: { organisationId, status, effectiveOn } }];
}
