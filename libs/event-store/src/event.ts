/** Where an event sits in the whole log. PostgreSQL uses one number for both parts; EventStoreDB uses two. */
export interface Position {
  commit: bigint;
  prepare: bigint;
}

/** Before the first event of the log: subscribing from here delivers everything. */
export const START: Position = Object.freeze({ commit: -1n, prepare: -1n });

export interface EventMetadata {
  eventId: string;
  correlationId?: string;
  causationId?: string;
  /** The organisation the event belongs to (tenant). */
  tenantId?: string;
  /** Who caused it: a user id, an LRS client key, `system`. */
  actor?: string;
  /** The domain's effective time (ISO 8601): when the fact happened, not when it was stored. */
  occurredAt: string;
}

/** An event to append. Data must be JSON-serialisable. */
export interface NewEvent<Data = unknown> {
  type: string;
  /** Schema version of `data`, starting at 1. */
  version?: number;
  data: Data;
  metadata?: Partial<EventMetadata>;
}

export interface RecordedEvent<Data = unknown> {
  streamId: string;
  /** 0-based revision of the event within its stream. */
  revision: bigint;
  position: Position;
  type: string;
  version: number;
  data: Data;
  metadata: EventMetadata;
  /** When the store recorded it (ISO 8601). */
  recordedAt: string;
}

export function comparePositions(a: Position, b: Position): number {
  if (a.commit !== b.commit) return a.commit < b.commit ? -1 : 1;
  if (a.prepare !== b.prepare) return a.prepare < b.prepare ? -1 : 1;
  return 0;
}

/** Text form for checkpoints: `commit/prepare`. */
export function formatPosition(p: Position): string {
  return `${p.commit}/${p.prepare}`;
}

export function parsePosition(text: string): Position {
  const match = /^(-?\d+)\/(-?\d+)$/.exec(text);
  if (!match) throw new Error(`Not a log position: ${text}`);
  return { commit: BigInt(match[1]), prepare: BigInt(match[2]) };
}
