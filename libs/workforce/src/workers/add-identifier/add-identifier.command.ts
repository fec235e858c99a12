import { Command } from '@nestjs/cqrs';
import type { Reach } from '../worker.js';
import type { WorkerIdentifier } from '../worker.events.js';
import { parseBody } from '#libs/platform';
import { addIdentifierRequest } from './add-identifier.request.js';

export interface AddIdentifierInput {
  workerId: string;
  identifier: WorkerIdentifier;
}

export function parseAddIdentifier(workerId: string, input: unknown): AddIdentifierInput {
  return { workerId, identifier: parseBody(addIdentifierRequest, input).identifier };
}

/**
 * A learning lead (or a platform admin) gives a worker one more xAPI identifier; the records of a
 * worker seen only in statements under it join this worker.
 */
export class AddIdentifier extends Command<void> {
  constructor(
    readonly identifier: AddIdentifierInput,
    readonly actor: string,
    /** The organisations the asker acts for (`'any'` for a platform admin): see `knownOnlyWithin`. */
    readonly reach: Reach,
  ) {
    super();
  }
}
