import {
  DeadlineExceededError,
  MaxAppendSizeExceededError,
  TimeoutError,
  UnavailableError,
  WrongExpectedVersionError,
} from '@eventstore/db-client';
import { EventStoreUnavailableError, InvalidEventError, WrongExpectedRevisionError } from '../errors.js';
import type { ExpectedRevision } from '../event-store.port.js';
import { toActualRevision } from './esdb-mapping.js';

/** gRPC status codes that mean "no server answered in time", whichever way the client reports them. */
const GRPC_DEADLINE_EXCEEDED = 4;
const GRPC_UNAVAILABLE = 14;

/**
 * The client reports a dead server differently per call: appends reject with the raw gRPC error
 * (`code === 14`), reads with its own `UnavailableError`, slow calls with a deadline error.
 */
export function isConnectionFailure(error: unknown): boolean {
  if (error instanceof UnavailableError || error instanceof DeadlineExceededError || error instanceof TimeoutError) {
    return true;
  }
  const code = (error as { code?: unknown } | null)?.code;
  return code === GRPC_UNAVAILABLE || code === GRPC_DEADLINE_EXCEEDED;
}

/** Our own timeout (reads and subscriptions have none in this client), reported like gRPC's DEADLINE_EXCEEDED. */
export class NoAnswerError extends Error {
  readonly code = GRPC_DEADLINE_EXCEEDED;
  constructor(ms: number, consequence?: string) {
    super(`no answer within ${ms} ms${consequence ? `; ${consequence}` : ''}`);
    this.name = 'NoAnswerError';
  }
}

/** Keeps the password out of error messages and logs. */
export function redactConnectionString(url: string): string {
  return url.replace(/^([a-z+]+:\/\/[^:@/]+:)[^@/]*@/i, '$1***@');
}

export function unavailableError(address: string, error: unknown): EventStoreUnavailableError {
  const reason = error instanceof Error ? error.message : String(error);
  return new EventStoreUnavailableError(`EventStoreDB at ${address} (EVENTSTORE_URL) is unavailable: ${reason}`, {
    cause: error,
  });
}

export interface AppendContext {
  streamId: string;
  expected: ExpectedRevision;
}

/** Turns the client's errors into the port's; anything unrecognised is passed on unchanged. */
export function translateEsdbError(error: unknown, address: string, append?: AppendContext): unknown {
  if (append && error instanceof WrongExpectedVersionError) {
    return new WrongExpectedRevisionError(append.streamId, append.expected, toActualRevision(error.actualVersion));
  }
  if (append && error instanceof MaxAppendSizeExceededError) {
    return new InvalidEventError(
      `Append to stream "${append.streamId}" exceeds the EventStoreDB server's maximum append size of ${error.maxAppendSize} bytes; append fewer events at once`,
    );
  }
  if (isConnectionFailure(error)) return unavailableError(address, error);
  return error;
}
