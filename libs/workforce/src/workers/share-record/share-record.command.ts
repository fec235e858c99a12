import { Command } from '@nestjs/cqrs';
import type { ShareScope } from '../worker.events.js';
import { parseBody } from '#libs/platform';
import { shareRecordRequest } from './share-record.request.js';

/** Share (or stop sharing) the whole record, or the evidence of one statement, with an organisation. */
export interface ShareRecordInput {
  workerId: string;
  withOrganisationId: string;
  scope: ShareScope;
}

/** `{ organisationId, evidence?: { organisationId, statementId } }`: without `evidence`, the whole record. */
export function parseShareRecord(workerId: string, input: unknown): ShareRecordInput {
  const { organisationId: withOrganisationId, evidence } = parseBody(shareRecordRequest, input);
  const scope: ShareScope = evidence ? { kind: 'evidence', ...evidence } : { kind: 'record' };
  return { workerId, withOrganisationId, scope };
}

/** The worker, signed in, shares their whole record or one piece of evidence with an organisation they belong to. */
export class ShareRecord extends Command<void> {
  constructor(
    readonly share: ShareRecordInput,
    readonly actor: string,
  ) {
    super();
  }
}
