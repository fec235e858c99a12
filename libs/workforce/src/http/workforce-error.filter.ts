import { Catch, type ArgumentsHost, type ExceptionFilter } from '@nestjs/common';
import type { FastifyReply } from 'fastify';
import { WorkforceError } from '../domain/errors.js';

const TITLES = { 400: 'Bad Request', 404: 'Not Found', 409: 'Conflict' } as const;

/** Domain errors as Nest renders its own: `{ statusCode, error, message }`, plus the field at fault. */
@Catch(WorkforceError)
export class WorkforceErrorFilter implements ExceptionFilter {
  catch(exception: WorkforceError, host: ArgumentsHost): void {
    const reply = host.switchToHttp().getResponse<FastifyReply>();
    void reply.status(exception.status).send({
      statusCode: exception.status,
      error: TITLES[exception.status],
      message: exception.message,
      field: exception.field,
    });
  }
}
