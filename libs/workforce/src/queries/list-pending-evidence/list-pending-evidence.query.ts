import { Query } from '@nestjs/cqrs';

export interface PendingEvidence {
  organisationId: string;
  statementId: string;
  kind: string;
  occurredAt: Date;
  title: string | null;
  capabilityIds: string[];
  indicatorIds: string[];
  source: string | null;
  by: string | null;
}

/** Evidence waiting for the worker's acceptance, oldest first. */
export class ListPendingEvidence extends Query<PendingEvidence[]> {
  constructor(readonly workerId: string) {
    super();
  }
}
