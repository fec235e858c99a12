import { Query } from '@nestjs/cqrs';
import type { EvidenceExport } from '../../read-model/evidence-export.js';
import type { Visibility } from '../../read-model/visibility.js';
import type { WorkerSummary } from '../../read-model/workers.js';

/** The evidence of a period `[from, to)` the viewer sees, with hours of learning, for post-registration training and learning. */
export class GetEvidenceExport extends Query<EvidenceExport> {
  constructor(
    readonly worker: WorkerSummary,
    readonly from: Date | undefined,
    readonly to: Date,
    readonly visibility: Visibility,
  ) {
    super();
  }
}
