import { Command } from '@nestjs/cqrs';
import { parseBody } from '#libs/platform';
import { mergeWorkerFromStatementRequest } from './merge-worker-from-statement.request.js';
import type { Reach } from '../worker.js';

/** The worker registered from statements (`workerId`) is `intoWorkerId`, an existing worker of the organisation. */
export interface MergeWorkerFromStatementInput {
  workerId: string;
  organisationId: string;
  intoWorkerId: string;
}

export function parseMergeWorkerFromStatement(
  organisationId: string,
  workerId: string,
  input: unknown,
): MergeWorkerFromStatementInput {
  return { workerId, organisationId, ...parseBody(mergeWorkerFromStatementRequest, input) };
}

/**
 * Two identifiers of one person: the statement worker's identifier becomes the existing worker's, and the
 * records under it count for them (`WorkerIdentifierAdded`, `IdentifierHandedOver`, `WorkerMerged`).
 */
export class MergeWorkerFromStatement extends Command<void> {
  constructor(
    readonly merge: MergeWorkerFromStatementInput,
    readonly actor: string,
    /** The organisations the asker acts for (`'any'` for a platform admin): see `knownOnlyWithin`. */
    readonly reach: Reach,
  ) {
    super();
  }
}
