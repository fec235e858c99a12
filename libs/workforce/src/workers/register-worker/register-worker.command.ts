import { Command } from '@nestjs/cqrs';
import type { CommandContext } from '../../shared/workforce-streams.service.js';
import type { Reach } from '../worker.js';
import type { RegisterWorkerInput } from './register-worker.decider.js';

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
