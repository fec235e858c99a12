import { timingSafeEqual } from 'node:crypto';
import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { RUNTIME } from './platform.module.js';
import type { Runtime } from './runtime.js';

/** Platform-admin access by bearer token (ADMIN_TOKEN, or the embedded token kept in DATA_DIR). */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  canActivate(context: ExecutionContext): boolean {
    const expected = this.runtime.adminToken;
    if (!expected) throw new ForbiddenException('Admin access is switched off: set ADMIN_TOKEN to enable it');
    const header = context.switchToHttp().getRequest<{ headers: Record<string, string | undefined> }>()
      .headers.authorization;
    const match = /^Bearer\s+(.+)$/i.exec(header ?? '');
    if (!match) throw new UnauthorizedException('Authorization: Bearer <admin token> is required');
    if (!sameSecret(match[1], expected)) throw new ForbiddenException('The bearer token is not the admin token');
    return true;
  }
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
