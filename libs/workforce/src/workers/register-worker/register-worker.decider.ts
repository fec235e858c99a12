import { ConflictError } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent } from '../worker.events.js';
import { knownOnlyWithin, type Reach, type WorkerState } from '../worker.js';
import type { RegisterWorkerInput } from './register-worker.command.js';

/** Identifiers held by another worker that keeps them (ifi → worker id), from their claim streams. */
export type IdentifierOwners = ReadonlyMap<string, string>;

/**
 * A worker registered by the evidence reactor (first seen in statements, `via: statement`) may be
 * registered through /api: the registration completes the same record (its id comes from the same
 * first identifier), and joins the organisation only if not already a member. Only when no organisation
 * beyond the registrar's `reach` knows that worker: otherwise the worker is someone else's employee too,
 * and joins by accepting an invitation (`POST /api/workers/:id/memberships`).
 */
export function decideRegisterWorker(
  command: RegisterWorkerInput,
  state: WorkerState,
  owners: IdentifierOwners,
  today: string,
  reach: Reach,
): WorkerEvent[] {
  if (state.status === 'registered' && state.via === 'api') {
    throw new ConflictError(
      'identifiers[0]',
      `the worker with this identifier ("${command.workerId}") is already registered`,
    );
  }
  if (!knownOnlyWithin(state, reach)) {
    throw new ConflictError(
      'identifiers[0]',
      `the worker with this identifier ("${command.workerId}") is known to another organisation: invite them`,
    );
  }
  const seen = new Set<string>();
  command.identifiers.forEach((identifier, i) => {
    if (seen.has(identifier.ifi)) throw new ConflictError(`identifiers[${i}]`, 'is given twice');
    seen.add(identifier.ifi);
    const owner = owners.get(identifier.ifi);
    if (owner && owner !== command.workerId)
      throw new ConflictError(`identifiers[${i}]`, `already identifies worker "${owner}" (${identifier.ifi})`);
  });
  if (state.status === 'merged')
    throw new ConflictError(
      'identifiers[0]',
      `the worker with this identifier ("${command.workerId}") was merged into worker "${state.intoWorkerId}"`,
    );
  const { workerId, name, identifiers, registrationNumber } = command;
  const events: WorkerEvent[] = [
    {
      type: EV.workerRegistered,
      data: { workerId, ...(name ? { name } : {}), identifiers, ...(registrationNumber ? { registrationNumber } : {}) },
    },
  ];
  const member =
    state.status === 'registered' &&
    state.memberships.some((m) => m.organisationId === command.organisationId && !m.to);
  if (command.organisationId && !member) {
    events.push({
      type: EV.workerJoinedOrganisation,
      data: { workerId, organisationId: command.organisationId, from: command.joinedOn ?? today },
    });
  }
  return events;
}
