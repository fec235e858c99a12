import { Query } from '@nestjs/cqrs';
import type { WorkerSummary } from '../../read-model/workers.js';

/** The workers holding an xAPI identifier (its canonical text, see `agentIfi`), before any access rule. */
export class FindWorkers extends Query<WorkerSummary[]> {
  constructor(readonly ifi: string) {
    super();
  }
}
