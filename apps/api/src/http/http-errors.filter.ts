import { Catch, Inject, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyRequest } from 'fastify';
import { fieldProblem, ProblemDetailsFilter, RUNTIME, type Runtime } from '#libs/platform';
import { WorkforceError } from '#libs/workforce';
import { isXapiPath, XapiExceptionFilter } from '#libs/xapi';

/**
 * The one place an HTTP error is put into words (issue 14 §9). /xapi keeps the xAPI envelope
 * `{ error: { status, message } }`; everything else, /api above all, answers RFC 9457 problem details.
 * As the global filter it also renders what Fastify raises before a route runs (bad JSON, a body over
 * the limit, an unknown route) and what hooks and guards throw.
 */
@Catch()
export class HttpErrorsFilter implements ExceptionFilter {
  private readonly xapi = new XapiExceptionFilter();
  private readonly problems = new ProblemDetailsFilter();

  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  catch(exception: unknown, host: ArgumentsHost): void {
    const error = namingTheLimit(exception, this.runtime.config.maxRequestBytes);
    if (isXapiPath(host.switchToHttp().getRequest<FastifyRequest>().url)) return this.xapi.catch(error, host);
    this.problems.catch(asProblem(error), host);
  }
}

/**
 * Fastify's "Request body is too large" says neither the limit nor the setting that makes it. (Nest
 * hands Fastify's own errors on as an HttpException caused by them.)
 */
function namingTheLimit(exception: unknown, maxRequestBytes: number): unknown {
  const cause = exception instanceof Error ? exception.cause : undefined;
  if ((cause as { code?: unknown } | undefined)?.code !== 'FST_ERR_CTP_BODY_TOO_LARGE') return exception;
  const message = `request body: at most ${maxRequestBytes} bytes (MAX_REQUEST_BYTES)`;
  return Object.assign(new Error(message), { statusCode: 413 });
}

/** A domain refusal names its field and rule; it becomes a problem with the same status, field and rule. */
function asProblem(exception: unknown): unknown {
  if (!(exception instanceof WorkforceError)) return exception;
  return fieldProblem(exception.status, [{ field: exception.field, rule: exception.rule }]);
}
