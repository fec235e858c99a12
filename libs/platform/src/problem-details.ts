import { STATUS_CODES } from 'node:http';
import { Catch, HttpException, Logger, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply, FastifyRequest } from 'fastify';

/** The media type of every /api error body (RFC 9457 §3). */
export const PROBLEM_JSON = 'application/problem+json';

/** One broken rule of a request: the field (a property, a parameter, a header) and what it must be. */
export interface FieldProblem {
  field: string;
  rule: string;
}

/**
 * An /api error as RFC 9457 problem details. `type` is always `about:blank`: the status says what kind of
 * problem it is, `title` is that status's phrase, `detail` says what to change. Extension members:
 * `field` names the offending field, `errors` lists every rule a request broke.
 */
export interface ProblemDetails {
  type: 'about:blank';
  title: string;
  status: number;
  detail: string;
  /** The request path the problem occurred on. */
  instance: string;
  field?: string;
  errors?: FieldProblem[];
  [extension: string]: unknown;
}

type Extensions = { field?: string; errors?: FieldProblem[] } & Record<string, unknown>;

/** An error thrown anywhere under /api that carries its detail and extension members as they are sent. */
export class ProblemException extends HttpException {
  constructor(status: number, detail: string, extensions: Extensions = {}) {
    super({ detail, ...extensions }, status);
    // Nest's own message would be "Problem Exception": the detail says what broke, in logs and tests too.
    this.message = detail;
  }
}

/** The 400 for input that breaks rules: every rule in `errors`, the first field in `field`. */
export function invalidInput(errors: readonly FieldProblem[]): ProblemException {
  return fieldProblem(400, errors);
}

/** A problem of any 4xx status that names the fields at fault. */
export function fieldProblem(status: number, errors: readonly FieldProblem[]): ProblemException {
  return new ProblemException(status, errors.map((e) => `${e.field}: ${e.rule}`).join('; '), {
    field: errors[0]?.field,
    errors: [...errors],
  });
}

/** The problem details for any error: HttpExceptions (Nest's and ours), Fastify's own 4xx errors, and the rest as 500. */
export function problemOf(exception: unknown, instance: string): ProblemDetails {
  if (exception instanceof HttpException) return fromHttpException(exception, instance);
  // Fastify's own client errors (bad JSON, a body over the limit, an unsupported media type) carry statusCode;
  // those raised below Nest that name one field (a body parser's, a hook's) carry it as `fieldProblem`.
  const {
    statusCode,
    message,
    fieldProblem: named,
  } = (exception ?? {}) as { statusCode?: unknown; message?: unknown; fieldProblem?: unknown };
  if (typeof statusCode === 'number' && statusCode >= 400 && statusCode < 500) {
    if (isFieldProblem(named)) return fromHttpException(fieldProblem(statusCode, [named]), instance);
    return problem(statusCode, typeof message === 'string' ? message : STATUS_CODES[statusCode]!, instance);
  }
  return problem(500, 'The server could not answer this request; the error is in its log.', instance);
}

function isFieldProblem(value: unknown): value is FieldProblem {
  const { field, rule } = (value ?? {}) as Partial<Record<keyof FieldProblem, unknown>>;
  return typeof field === 'string' && typeof rule === 'string';
}

function fromHttpException(exception: HttpException, instance: string): ProblemDetails {
  const status = exception.getStatus();
  const body = exception.getResponse();
  if (typeof body === 'string') return problem(status, body, instance);
  // Nest's own exceptions: `{ statusCode, error, message }`, where message may be a list (its pipes').
  const { statusCode: _s, error: _e, message, detail, ...extensions } = body as Record<string, unknown>;
  const text =
    typeof detail === 'string'
      ? detail
      : Array.isArray(message)
        ? message.join('; ')
        : typeof message === 'string'
          ? message
          : exception.message;
  return problem(status, text, instance, withoutUndefined(extensions));
}

function problem(status: number, detail: string, instance: string, extensions: Extensions = {}): ProblemDetails {
  return {
    ...extensions,
    type: 'about:blank',
    title: STATUS_CODES[status] ?? 'Error',
    status,
    detail,
    instance,
  };
}

function withoutUndefined(record: Record<string, unknown>): Extensions {
  return Object.fromEntries(Object.entries(record).filter(([, value]) => value !== undefined));
}

/** The request's path, as `instance` names it (the query string may carry what the log should not). */
export function instanceOf(request: Pick<FastifyRequest, 'url'>): string {
  return request.url.split('?')[0] ?? '/';
}

/** A problem with `retryAfterSeconds` (a 429 or 503 refusal) also says it as `Retry-After`. */
export async function sendProblem(reply: FastifyReply, problem: ProblemDetails): Promise<void> {
  if (typeof problem.retryAfterSeconds === 'number') reply.header('Retry-After', String(problem.retryAfterSeconds));
  await reply.status(problem.status).header('content-type', `${PROBLEM_JSON}; charset=utf-8`).send(problem);
}

/** A 5xx is a fault to log, unless a deliberate 503 refusal (too busy: see Retry-After) that a flood would repeat. */
function isFault(exception: unknown, problem: ProblemDetails): boolean {
  return problem.status >= 500 && !(exception instanceof ProblemException && problem.status === 503);
}

/**
 * Renders every error as problem details. apps/api wraps it with the /xapi envelope; a lib's own HTTP
 * test can install it alone (`app.useGlobalFilters(new ProblemDetailsFilter())`) to answer as the API does.
 */
@Catch()
export class ProblemDetailsFilter implements ExceptionFilter {
  private readonly logger = new Logger('HTTP');

  catch(exception: unknown, host: ArgumentsHost): void {
    const http = host.switchToHttp();
    const problem = problemOf(exception, instanceOf(http.getRequest<FastifyRequest>()));
    if (isFault(exception, problem))
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    void sendProblem(http.getResponse<FastifyReply>(), problem);
  }
}
