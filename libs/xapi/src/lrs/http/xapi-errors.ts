import { ArgumentsHost, Catch, HttpException, HttpStatus, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';

/** An xAPI error response; the message names the property or parameter and the rule broken. */
export class XapiHttpError extends HttpException {
  constructor(status: number, message: string) {
    super({ error: { status, message } }, status);
    // Nest's own message would be "Xapi Http Error": the message says what broke, in logs and tests too.
    this.message = message;
  }
}

/** A deliberate 503 (the LRS is too busy to take the request now): sent with Retry-After, never logged as a fault. */
export class XapiBusy extends XapiHttpError {
  constructor(
    message: string,
    readonly retryAfterSeconds: number,
  ) {
    super(HttpStatus.SERVICE_UNAVAILABLE, message);
  }
}

export const badRequest = (message: string) => new XapiHttpError(HttpStatus.BAD_REQUEST, message);
export const conflict = (message: string) => new XapiHttpError(HttpStatus.CONFLICT, message);
export const preconditionFailed = (message: string) => new XapiHttpError(HttpStatus.PRECONDITION_FAILED, message);
export const notFound = (message: string) => new XapiHttpError(HttpStatus.NOT_FOUND, message);
export const forbidden = (message: string) => new XapiHttpError(HttpStatus.FORBIDDEN, message);
export const payloadTooLarge = (message: string) => new XapiHttpError(HttpStatus.PAYLOAD_TOO_LARGE, message);

export function isXapiPath(url: string | undefined): boolean {
  return url === '/xapi' || (url?.startsWith('/xapi/') ?? false) || (url?.startsWith('/xapi?') ?? false);
}

/**
 * Renders every error as `{ error: { status, message } }`, keeping headers the thrower set (e.g.
 * WWW-Authenticate). The app's global filter hands it the errors of /xapi routes.
 */
@Catch()
export class XapiExceptionFilter implements ExceptionFilter {
  catch(exception: unknown, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    const { status, message } = describe(exception);
    // A flood repeats a busy refusal: logging each would be a second flood.
    if (exception instanceof XapiBusy) reply.header('Retry-After', String(exception.retryAfterSeconds));
    else if (status >= 500) console.error('[xapi]', exception);
    void reply
      .status(status)
      .header('content-type', 'application/json; charset=utf-8')
      .send({ error: { status, message } });
  }
}

function describe(exception: unknown): { status: number; message: string } {
  if (exception instanceof HttpException) {
    const status = exception.getStatus();
    const body = exception.getResponse() as unknown;
    if (typeof body === 'string') return { status, message: body };
    const record = body as { error?: { message?: string }; message?: string | string[] };
    const message =
      record.error?.message ?? (Array.isArray(record.message) ? record.message.join('; ') : record.message);
    return { status, message: message ?? exception.message };
  }
  const fastifyError = exception as { statusCode?: number; message?: string };
  if (typeof fastifyError?.statusCode === 'number' && fastifyError.statusCode >= 400 && fastifyError.statusCode < 500) {
    return { status: fastifyError.statusCode, message: fastifyError.message ?? 'Bad request' };
  }
  return { status: 500, message: 'Internal server error' };
}
