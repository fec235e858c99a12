import { createParamDecorator, InternalServerErrorException, type ExecutionContext } from '@nestjs/common';
import type { LrsPrincipal } from './lrs-principal.js';

/** The authenticated LRS client of the request; the handler must be behind `LrsAuthGuard`. */
export const Principal = createParamDecorator((_data: unknown, context: ExecutionContext): LrsPrincipal => {
  const principal = context.switchToHttp().getRequest<{ lrsPrincipal?: LrsPrincipal }>().lrsPrincipal;
  // A handler without the guard is a programming error, never an anonymous caller.
  if (!principal)
    throw new InternalServerErrorException('No LRS principal on the request: the handler lacks LrsAuthGuard');
  return principal;
});
