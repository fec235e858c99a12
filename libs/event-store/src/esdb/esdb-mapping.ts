import {
  ANY,
  END,
  NO_STREAM,
  START as ESDB_START,
  STREAM_EXISTS,
  eventTypeFilter,
  excludeSystemEvents,
  streamNameFilter,
  type AppendExpectedRevision,
  type CurrentRevision,
  type EventData,
  type Filter,
  type JSONType,
  type ReadPosition,
  type RecordedEvent as EsdbRecordedEvent,
} from '@eventstore/db-client';
import { START, type EventMetadata, type Position, type RecordedEvent } from '../event.js';
import type { ExpectedRevision, LogFilter } from '../event-store.port.js';
import type { PreparedEvent } from '../validation.js';

/** The keys this adapter adds to EventStoreDB metadata; they are not part of our `EventMetadata`. */
const ADAPTER_METADATA_KEYS = ['schemaVersion', '$correlationId', '$causationId'] as const;

export function toEsdbExpectedRevision(expected: ExpectedRevision): AppendExpectedRevision {
  switch (expected) {
    case 'any':
      return ANY;
    case 'no_stream':
      return NO_STREAM;
    case 'stream_exists':
      return STREAM_EXISTS;
    default:
      return expected;
  }
}

/** Older servers report a missing stream as revision -1 rather than leaving the revision out. */
export function toActualRevision(current: CurrentRevision | undefined): bigint | 'no_stream' {
  return typeof current === 'bigint' && current >= 0n ? current : 'no_stream';
}

/** Our START (-1/-1) is not a position EventStoreDB accepts; it means "from the start". */
export function toReadPosition(position: Position | undefined, edge: 'start' | 'end'): ReadPosition {
  if (!position || position.commit < 0n) return edge === 'start' ? ESDB_START : END;
  return { commit: position.commit, prepare: position.prepare };
}

/** The EventStoreDB metadata JSON: our metadata minus the event id (ESDB's own id), plus the schema version. */
export function toEsdbMetadata(event: PreparedEvent): Record<string, unknown> {
  const { eventId: _eventId, ...metadata } = event.metadata;
  return {
    ...metadata,
    schemaVersion: event.version,
    ...(metadata.correlationId !== undefined && { $correlationId: metadata.correlationId }),
    ...(metadata.causationId !== undefined && { $causationId: metadata.causationId }),
  };
}

export function toEsdbEventData(event: PreparedEvent): EventData {
  return {
    id: event.metadata.eventId,
    contentType: 'application/json',
    type: event.type,
    // The client JSON-serialises `data` itself; its type says JSONType, but any JSON value round-trips.
    data: event.data as JSONType,
    metadata: toEsdbMetadata(event),
  };
}

/**
 * Maps an EventStoreDB event to ours. `fallbackCommit` is the resolved event's commit position, for
 * stream reads from servers before 22.6 that leave the event's own position out.
 */
export function toRecordedEvent(event: EsdbRecordedEvent, fallbackCommit?: bigint): RecordedEvent {
  const { metadata, version } = readEsdbMetadata(event.id, event.metadata, event.created);
  return {
    streamId: event.streamId,
    revision: event.revision,
    position: positionOf(event, fallbackCommit),
    type: event.type,
    version,
    data: event.data,
    metadata,
    recordedAt: event.created.toISOString(),
  };
}

function positionOf(event: EsdbRecordedEvent, fallbackCommit: bigint | undefined): Position {
  if (event.position) return { commit: event.position.commit, prepare: event.position.prepare };
  if (fallbackCommit !== undefined) return { commit: fallbackCommit, prepare: fallbackCommit };
  return START;
}

/** Events written by other tools may carry no metadata, or binary metadata: they still map, as version 1. */
export function readEsdbMetadata(
  eventId: string,
  raw: unknown,
  created: Date,
): { metadata: EventMetadata; version: number } {
  const stored: Record<string, unknown> = isJsonObject(raw) ? { ...raw } : {};
  const schemaVersion = stored.schemaVersion;
  for (const key of ADAPTER_METADATA_KEYS) delete stored[key];
  const occurredAt = typeof stored.occurredAt === 'string' ? stored.occurredAt : created.toISOString();
  return {
    metadata: { ...stored, eventId, occurredAt } as EventMetadata,
    version:
      typeof schemaVersion === 'number' && Number.isInteger(schemaVersion) && schemaVersion >= 1 ? schemaVersion : 1,
  };
}

function isJsonObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value) && !(value instanceof Uint8Array);
}

/** EventStoreDB's own events ($statistics, $metadata, links `$>` ...) are never part of our log. */
export function isSystemEvent(event: { type: string }): boolean {
  return event.type.startsWith('$');
}

/** A server-side regex (.NET syntax) matching exactly one of the names. */
export function exactNamesRegex(names: readonly string[]): string {
  return `^(?:${names.map(escapeRegex).join('|')})$`;
}

function escapeRegex(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/**
 * EventStoreDB filters on one thing at a time (event type or stream name), so the server filters on
 * the types when there are any, else on the stream prefixes, else leaves out system events; whatever
 * the server could not filter is filtered again by `matchesLogFilter` on this side.
 */
export function toServerFilter(filter: LogFilter | undefined): Filter {
  if (filter?.eventTypes?.length) return eventTypeFilter({ regex: exactNamesRegex(filter.eventTypes) });
  if (filter?.streamPrefixes?.length) return streamNameFilter({ prefixes: [...filter.streamPrefixes] });
  return excludeSystemEvents();
}

export function matchesLogFilter(event: { type: string; streamId: string }, filter: LogFilter | undefined): boolean {
  if (isSystemEvent(event)) return false;
  if (filter?.eventTypes?.length && !filter.eventTypes.includes(event.type)) return false;
  if (filter?.streamPrefixes?.length && !filter.streamPrefixes.some((p) => event.streamId.startsWith(p))) return false;
  return true;
}

export function hasFilter(filter: LogFilter | undefined): boolean {
  return Boolean(filter?.eventTypes?.length || filter?.streamPrefixes?.length);
}
