import { Command } from '@nestjs/cqrs';
import type { RecordedBy } from '../../domain/events.js';
import type { WorkerSummary } from '../../read-model/workers.js';
import type { Reach } from '../../workers/worker.js';
import type { EvidenceInput } from './record-evidence.input.js';
import type { EvidenceRecorded } from './record-evidence.response.js';

/**
 * A manager, learning lead, admin (or the worker, for their own learning) records evidence: stored as a
 * CLF-profile xAPI statement in the LRS of the organisation the recorder acts for, or else the worker's employer.
 */
export class RecordEvidence extends Command<EvidenceRecorded> {
  constructor(
    readonly worker: WorkerSummary,
    readonly evidence: EvidenceInput,
    /** The organisations the recorder acts for (see `actingOrganisations`). */
    readonly actingFor: Reach,
    readonly recorder: RecordedBy,
  ) {
    super();
  }
}
