import { Command } from '@nestjs/cqrs';
import type { ShareScope } from '../worker.events.js';
import { body, text } from '../../domain/input.js';

/** Share (or stop sharing) the whole record, or the evidence of one statement, with an organisation. */
export interface ShareRecordInput {
  workerId: string;
  withOrganisationId: string;
  scope: ShareScope;
}

/** `{ organisationId, evidence?: { organisationId, statementId } }`: without `evidence`, the whole record. */
export function parseShareRecord(workerId: string, input: unknown): ShareRecordInput {
  const b = body(input);
  const withOrganisationId = text(b, 'organisationId', 63);
  if (b.evidence === undefined) return { workerId, withOrganisationId, scope: { kind: 'record' } };
  const evidence = body(b.evidence, 'evidence');
  // Named by their path in the body, so a refusal says `evidence.statementId`.
  const named = { 'evidence.organisationId': evidence.organisationId, 'evidence.statementId': evidence.statementId };
  const scope: ShareScope = {
    kind: 'evidence',
    organisationId: text(named, 'evidence.organisationId', 63),
    statementId: text(named, 'evidence.statementId', 64).toLowerCase(),
  };
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
