import { Transform, type TransformCallback } from 'node:stream';
import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { instanceOf, PROBLEM_JSON, problemOf } from './problem-details.js';

/** What a gate decided about a request that carries a body, before any of the body is read. */
export type BodyGateDecision =
  /** Credentials are valid: the body is read up to the server's body limit; guards still check rights. */
  | { kind: 'authenticated' }
  /** A route that must be reachable without credentials (sign-in): at most `UNAUTHENTICATED_BODY_BYTES`. */
  | { kind: 'public' }
  /** Answered at once, the body unread. */
  | { kind: 'refused'; status: number; headers?: Record<string, string>; body: unknown };

/** A refusal worded as problem details, for a gate that covers /api. */
export function refusedAsProblem(request: FastifyRequest, exception: unknown): BodyGateDecision {
  const problem = problemOf(exception, instanceOf(request));
  return {
    kind: 'refused',
    status: problem.status,
    headers: { 'content-type': `${PROBLEM_JSON}; charset=utf-8` },
    body: problem,
  };
}

/** The authentication of one part of the URL space (/xapi: Basic, /api: Bearer). */
export interface BodyGate {
  covers(path: string): boolean;
  decide(request: FastifyRequest): Promise<BodyGateDecision>;
}

/**
 * Bodies read without credentials: a sign-in form, a 1.0.3 alternate-syntax request whose credentials
 * are a form field, or a body sent where no route takes one. The largest legitimate one, an
 * alternate-syntax PUT of a statement or document, stays far below it.
 */
export const UNAUTHENTICATED_BODY_BYTES = 1024 * 1024;

/**
 * Authenticates every request that carries a body before its body is read (issue 11 §4): without this,
 * anyone could make the server buffer the body limit (64 MiB) per connection, as Nest's guards run only
 * after parsing. A refused request is answered at once and its connection closed, so the unsent rest of
 * the body is never taken in. Guards still run afterwards: they decide scopes and roles.
 */
export function registerAuthenticationBeforeBody(fastify: FastifyInstance, gates: readonly BodyGate[]): void {
  fastify.addHook('preParsing', async (request: FastifyRequest, reply: FastifyReply, payload) => {
    if (!carriesBody(request)) return payload;
    const path = request.url.split('?')[0];
    const gate = gates.find((g) => g.covers(path));
    const decision: BodyGateDecision = gate ? await gate.decide(request) : { kind: 'public' };
    if (decision.kind === 'authenticated') return payload;
    if (decision.kind === 'refused') {
      await reply
        .status(decision.status)
        .headers({ ...decision.headers, connection: 'close' })
        .send(decision.body);
      return payload;
    }
    return limitUnauthenticated(request, reply, payload);
  });
}

function carriesBody(request: FastifyRequest): boolean {
  const length = request.headers['content-length'];
  return request.headers['transfer-encoding'] !== undefined || (length !== undefined && length !== '0');
}

async function limitUnauthenticated(request: FastifyRequest, reply: FastifyReply, payload: NodeJS.ReadableStream) {
  const declared = Number(request.headers['content-length'] ?? 0);
  if (declared > UNAUTHENTICATED_BODY_BYTES) {
    // Thrown, not sent: the app's error filter words it as the path's envelope (/xapi or problem details).
    reply.header('connection', 'close');
    throw tooLarge(request);
  }
  // A chunked body declares no length: count it as it arrives.
  return payload.pipe(new ByteLimit(UNAUTHENTICATED_BODY_BYTES, () => tooLarge(request)));
}

function tooLarge(request: FastifyRequest): Error & { statusCode: 413 } {
  const message = `request body: at most ${UNAUTHENTICATED_BODY_BYTES} bytes are read before authentication; send credentials in the Authorization header (${request.method} ${request.url.split('?')[0]})`;
  return Object.assign(new Error(message), { statusCode: 413 as const });
}

class ByteLimit extends Transform {
  private seen = 0;

  constructor(
    private readonly limit: number,
    private readonly error: () => Error,
  ) {
    super();
  }

  override _transform(chunk: Buffer, _encoding: BufferEncoding, callback: TransformCallback): void {
    this.seen += chunk.length;
    if (this.seen > this.limit) return callback(this.error());
    callback(null, chunk);
  }
}
