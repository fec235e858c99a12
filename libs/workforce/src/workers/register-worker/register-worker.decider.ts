import { ConflictError, invalid } from '../../domain/errors.js';
import { WORKER_EVENTS as EV, type WorkerEvent, type WorkerIdentifier } from '../worker.events.js';
import { parseIdentifier, workerIdFor } from '../../domain/identifiers.js';
import { body, optionalDate, optionalSlug, optionalText } from '../../domain/input.js';
import { knownOnlyWithin, type Reach, type WorkerState } from '../worker.js';

export interface RegisterWorkerInput {
  workerId: string;
  name?: string;
  identifiers: WorkerIdentifier[];
  registrationNumber?: string;
  /** The employer the worker joins on registration, from `joinedOn` (default: today). */
  organisationId?: string;
  joinedOn?: string;
}

/** Identifiers held by another worker that keeps them (ifi → worker id), from their claim streams. */
export type IdentifierOwners = ReadonlyMap<string, string>;

export function parseRegisterWorker(input: unknown): RegisterWorkerInput {
  const b = body(input);
  const raw = b.identifiers;
  if (!Array.isArray(raw) || raw.length === 0)
    return invalid('identifiers', 'must be a non-empty array of xAPI Agent identifiers');
  const identifiers = raw.map((v, i) => parseIdentifier(v, `identifiers[${i}]`));
  const registrationNumber = optionalText(b, 'registrationNumber', 40);
  // The first identifier decides the id, so a worker already seen in statements keeps its id when registered.
  return {
    workerId: workerIdFor(identifiers[0]!.ifi),
    name: optionalText(b, 'name'),
    identifiers,
    ...(registrationNumber ? { registrationNumber } : {}),
    organisationId: optionalSlug(b, 'organisationId'),
    joinedOn: optionalDate(b, 'joinedOn'),
  };
}

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
