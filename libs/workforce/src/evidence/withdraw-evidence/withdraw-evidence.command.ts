import { Command } from '@nestjs/cqrs';
import type { WorkerSummary } from '../../read-model/workers.js';
import type { Reach } from '../../workers/worker.js';
import type { EvidenceWithdrawn } from './withdraw-evidence.response.js';

/**
 * The organisation that recorded a piece of evidence (or a platform admin) withdraws it by voiding its
 * statement: it stops counting from `now`; the history keeps that it counted.
 */
export class WithdrawEvidence extends Command<EvidenceWithdrawn> {
  constructor(
    readonly worker: WorkerSummary,
    readonly statementId: string,
    /** The organisations the asker acts for: evidence of any other organisation is not found. */
    readonly actingFor: Reach,
    readonly now: Date,
  ) {
    super();
  }
}
