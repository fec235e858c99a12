import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import type { Reach } from '../worker.js';
import { invalid } from '../../domain/errors.js';
import type { WorkerIdentifier } from '../worker.events.js';
import { parseIdentifier, workerIdFor } from '../../domain/identifiers.js';
import { body, optionalDate, optionalSlug, optionalText } from '../../domain/input.js';

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
