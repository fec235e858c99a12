import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import type { Reach } from '../worker.js';
import { parseBody } from '#libs/platform';
import type { WorkerIdentifier } from '../worker.events.js';
import { workerIdFor } from '../../domain/identifiers.js';
import { registerWorkerRequest } from './register-worker.request.js';

export interface RegisterWorkerInput {
  workerId: string;
  name?: string;
  identifiers: WorkerIdentifier[];
  registrationNumber?: string;
  /** The employer the worker joins on registration, from `joinedOn` (default: today). */
  organisationId?: string;
  joinedOn?: string;
}

export function parseRegisterWorker(input: unknown): RegisterWorkerInput {
  const { organisationId, ...registration } = parseBody(registerWorkerRequest, input);
  return { ...registrationOf(registration), organisationId };
}

/** A registration as parsed (a staff-list row's too) as the command takes it. */
export function registrationOf({
  name,
  identifiers,
  registrationNumber,
  joinedOn,
}: Omit<RegisterWorkerInput, 'workerId' | 'organisationId'>): RegisterWorkerInput {
  // The first identifier decides the id, so a worker already seen in statements keeps its id when registered.
  return {
    workerId: workerIdFor(identifiers[0]!.ifi),
    name,
    identifiers,
    ...(registrationNumber ? { registrationNumber } : {}),
    joinedOn,
  };
}

/**
 * A learning lead (or a platform admin) registers a worker under one or more xAPI identifiers, each
 * claimed in its own stream before the worker's stream is written.
 */
export class RegisterWorker extends Command<{ id: string }> {
  constructor(
    readonly worker: RegisterWorkerInput,
    readonly context: CommandContext,
    readonly today: string,
    /** The organisations the asker acts for (`'any'` for a platform admin): see `knownOnlyWithin`. */
    readonly reach: Reach,
  ) {
    super();
  }
}
