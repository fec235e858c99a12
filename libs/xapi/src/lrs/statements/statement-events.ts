import type { Attachment, Statement } from '../../statement-model/types.js';

/** One accepted statement. */
export const STATEMENT_STORED = 'xapi.StatementStored';

export interface StatementStoredData {
  /**
   * The statement as accepted, with the LRS's `id`, `authority` and `version`. `stored` is the
   * event's recorded time and `timestamp` defaults to it: both are added when the statement is read,
   * so `stored` follows log order exactly.
   */
  statement: Statement;
}

export function statementStreamId(organisationId: string, statementId: string): string {
  return `${statementStreamPrefix(organisationId)}${statementId.toLowerCase()}`;
}

/**
 * What every statement stream of the organisation starts with (a log filter's prefix). It may also
 * start another organisation's streams (one whose id begins with this id and a hyphen).
 */
export function statementStreamPrefix(organisationId: string): string {
  return `xapi-statement-${organisationId}-`;
}

/** `stored` is the time the log recorded the statement, to the millisecond (Data 2.4.8). */
export function storedStatement(data: StatementStoredData, recordedAt: string): Statement {
  const stored = new Date(recordedAt).toISOString();
  const statement: Statement = { ...data.statement, stored };
  if (statement.timestamp === undefined) statement.timestamp = stored;
  return statement;
}

export function attachmentHashes(statement: Statement): string[] {
  const hashes = new Set<string>();
  // With a fileUrl too: the data may also have come as a part (XAPI-00161), and is served when it did.
  const add = (list: Attachment[] | undefined) => list?.forEach((a) => hashes.add(a.sha2.toLowerCase()));
  add(statement.attachments);
  if (statement.object?.objectType === 'SubStatement') add(statement.object.attachments);
  return [...hashes];
}
