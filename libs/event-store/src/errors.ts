import type { ExpectedRevision } from './event-store.port.js';

export class WrongExpectedRevisionError extends Error {
  readonly code = 'wrong-expected-revision';
  constructor(
    readonly streamId: string,
    readonly expected: ExpectedRevision,
    readonly actual: bigint | 'no_stream',
  ) {
    super(
      `Concurrency conflict on stream "${streamId}": expected revision ${String(expected)}, but the stream is at ${String(actual)}`,
    );
    this.name = 'WrongExpectedRevisionError';
  }
}

export class EventTooLargeError extends Error {
  readonly code = 'event-too-large';
  constructor(
    readonly streamId: string,
    readonly eventType: string,
    readonly size: number,
    readonly limit: number,
  ) {
    super(`Event "${eventType}" for stream "${streamId}" is ${size} bytes; the limit is ${limit} bytes`);
    this.name = 'EventTooLargeError';
  }
}

export class InvalidEventError extends Error {
  readonly code = 'invalid-event';
  constructor(message: string) {
    super(message);
    this.name = 'InvalidEventError';
  }
}

/** A string of the event holds U+0000 or an unpaired surrogate: read models (PostgreSQL text, jsonb) could not store it. */
export class UnstorableTextError extends InvalidEventError {
  constructor(
    readonly streamId: string,
    readonly eventType: string,
  ) {
    super(
      `Event "${eventType}" for stream "${streamId}" has a string holding U+0000 or an unpaired UTF-16 surrogate, which read models (PostgreSQL text and jsonb) cannot store`,
    );
    this.name = 'UnstorableTextError';
  }
}

export class EventStoreUnavailableError extends Error {
  readonly code = 'event-store-unavailable';
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = 'EventStoreUnavailableError';
  }
}
