import { randomUUID } from 'node:crypto';
import { EventTooLargeError, InvalidEventError, UnstorableTextError } from './errors.js';
import type { EventMetadata, NewEvent } from './event.js';

export interface PreparedEvent {
  type: string;
  version: number;
  data: unknown;
  dataJson: string;
  metadata: EventMetadata;
  metadataJson: string;
}

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Checks one event before any write and fills the metadata the store owns (event id, occurred-at). */
export function prepareEvent(streamId: string, event: NewEvent, maxEventBytes: number, now: Date): PreparedEvent {
  if (!streamId || typeof streamId !== 'string') throw new InvalidEventError('streamId must be a non-empty string');
  if (!event.type || typeof event.type !== 'string') {
    throw new InvalidEventError(`Event for stream "${streamId}" has no type`);
  }
  const version = event.version ?? 1;
  if (!Number.isInteger(version) || version < 1) {
    throw new InvalidEventError(`Event "${event.type}" has version ${String(version)}; it must be an integer >= 1`);
  }
  const metadata: EventMetadata = {
    ...event.metadata,
    eventId: event.metadata?.eventId ?? randomUUID(),
    occurredAt: event.metadata?.occurredAt ?? now.toISOString(),
  };
  if (!UUID.test(metadata.eventId)) {
    throw new InvalidEventError(`Event "${event.type}" has eventId "${metadata.eventId}"; it must be a UUID`);
  }
  if (Number.isNaN(Date.parse(metadata.occurredAt))) {
    throw new InvalidEventError(
      `Event "${event.type}" has occurredAt "${metadata.occurredAt}"; it must be an ISO 8601 time`,
    );
  }
  const dataJson = JSON.stringify(event.data ?? null);
  const metadataJson = JSON.stringify(metadata);
  if (holdsUnstorableText(dataJson) || holdsUnstorableText(metadataJson)) {
    throw new UnstorableTextError(streamId, event.type);
  }
  const size = Buffer.byteLength(dataJson) + Buffer.byteLength(metadataJson);
  if (size > maxEventBytes) throw new EventTooLargeError(streamId, event.type, size, maxEventBytes);
  return { type: event.type, version, data: event.data ?? null, dataJson, metadata, metadataJson };
}

/**
 * JSON.stringify writes U+0000 and unpaired surrogates as \u escapes (and a paired surrogate as the
 * character itself), so an escape of that kind not preceded by an escaped backslash is one of them.
 */
const UNSTORABLE_ESCAPE = /(?<!\\)(?:\\\\)*\\u(?:0000|d[89a-f][0-9a-f]{2})/i;

function holdsUnstorableText(json: string): boolean {
  return json.includes('\\u') && UNSTORABLE_ESCAPE.test(json);
}
