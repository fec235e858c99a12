import { Query } from '@nestjs/cqrs';

export type ShareView =
  | { organisationId: string; scope: 'record' }
  | { organisationId: string; scope: 'evidence'; evidence: { organisationId: string; statementId: string } };

/** What a worker shares with which organisation, from their own stream. */
export class ListShares extends Query<ShareView[]> {
  constructor(readonly workerId: string) {
    super();
  }
}
