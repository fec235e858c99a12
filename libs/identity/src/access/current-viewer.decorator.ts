import { createParamDecorator, InternalServerErrorException, type ExecutionContext } from '@nestjs/common';
import type { RequestWithViewer } from './signed-in.guard.js';
import type { Viewer } from './viewer.js';

/**
 * The signed-in viewer set by `SignedInGuard`. Throws (500) when used on a route without the guard:
 * a missing guard is a programming error that must not silently let a request through.
 */
export const CurrentViewer = createParamDecorator((_data: unknown, context: ExecutionContext): Viewer => {
  const viewer = context.switchToHttp().getRequest<RequestWithViewer>().viewer;
  if (!viewer) throw new InternalServerErrorException('CurrentViewer used on a route without SignedInGuard');
  return viewer;
});
