import {
  ForbiddenException,
  Inject,
  Injectable,
  UnauthorizedException,
  type CanActivate,
  type ExecutionContext,
} from '@nestjs/common';
import { Reflector } from '@nestjs/core';
import { badRequest, XapiBusy } from '../http/xapi-errors.js';
import { LrsClientsService } from './lrs-clients.service.js';
import { hasAnyScope, type LrsPrincipal, type LrsScope } from './lrs-principal.js';
import { SecretHashingBusy } from './lrs-secret.js';
import { REQUIRED_SCOPES } from './require-scope.decorator.js';

export const LRS_REALM = 'Basic realm="Continuum xAPI"';

interface LrsRequest {
  headers: Record<string, string | string[] | undefined>;
  query?: unknown;
  body?: unknown;
  lrsPrincipal?: LrsPrincipal;
}

interface ReplyWithHeaders {
  header(name: string, value: string): unknown;
}

/**
 * HTTP Basic (key:secret) for /xapi: sets `request.lrsPrincipal`, answers 401 with a Basic challenge
 * when the credentials are missing or wrong, and 403 naming the scope when the client lacks it.
 */
@Injectable()
export class LrsAuthGuard implements CanActivate {
  constructor(
    @Inject(Reflector) private readonly reflector: Reflector,
    @Inject(LrsClientsService) private readonly clients: LrsClientsService,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const request = http.getRequest<LrsRequest>();
    const credentials = basicCredentials(authorizationOf(request));
    if (typeof credentials === 'string') throw this.unauthorized(http.getResponse<ReplyWithHeaders>(), credentials);
    const malformed = malformedCredentials(credentials);
    if (malformed) throw badRequest(malformed);
    const principal = await authenticateBasic(this.clients, credentials);
    if (!principal) {
      throw this.unauthorized(
        http.getResponse<ReplyWithHeaders>(),
        'The key and secret do not match an active LRS client',
      );
    }
    const needed = this.reflector.getAllAndOverride<LrsScope[] | undefined>(REQUIRED_SCOPES, [
      context.getHandler(),
      context.getClass(),
    ]);
    if (needed && needed.length > 0 && !hasAnyScope(principal, needed)) {
      throw new ForbiddenException(
        `This request needs the scope ${needed.join(' or ')}; the LRS client "${principal.key}" has ${principal.scopes.join(', ')}`,
      );
    }
    request.lrsPrincipal = principal;
    return true;
  }

  private unauthorized(reply: ReplyWithHeaders, message: string): UnauthorizedException {
    reply.header('WWW-Authenticate', LRS_REALM);
    return new UnauthorizedException(message);
  }
}

/**
 * The client these credentials name, or undefined when they match none; XapiBusy (503, Retry-After) when
 * too many secrets wait to be hashed. That refusal comes before any secret is compared and
 * befalls known, unknown and revoked keys alike, so it tells nothing about the credentials.
 */
export async function authenticateBasic(
  clients: LrsClientsService,
  credentials: { key: string; secret: string },
): Promise<LrsPrincipal | undefined> {
  try {
    return await clients.authenticate(credentials.key, credentials.secret);
  } catch (error) {
    if (!(error instanceof SecretHashingBusy)) throw error;
    throw new XapiBusy(
      `Too many LRS client secrets and passwords are being checked at once: these credentials were not checked (neither accepted nor refused) and nothing was done; try again in ${error.retryAfterSeconds} s`,
      error.retryAfterSeconds,
    );
  }
}

/** The header, or the `Authorization` form field of the 1.0.3 alternate request syntax (POST ?method=). */
function authorizationOf(request: LrsRequest): string | undefined {
  const header = request.headers.authorization;
  if (typeof header === 'string' && header.length > 0) return header;
  const method = (request.query as Record<string, unknown> | undefined)?.method;
  const field = (request.body as Record<string, unknown> | undefined)?.Authorization;
  return typeof method === 'string' && typeof field === 'string' ? field : undefined;
}

/** key and secret, or the reason there are none (the secret may contain ':'; the key cannot). */
export function basicCredentials(authorization: string | undefined): { key: string; secret: string } | string {
  if (!authorization) return 'Authorization: Basic <base64(key:secret)> is required';
  const match = /^Basic\s+([A-Za-z0-9+/=_-]+)\s*$/i.exec(authorization);
  if (!match) return 'Authorization must use the Basic scheme with base64(key:secret)';
  const decoded = Buffer.from(match[1], 'base64').toString('utf8');
  const colon = decoded.indexOf(':');
  if (colon <= 0) return 'Basic credentials must be base64(key:secret) with a non-empty key';
  return { key: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

/** No key or secret holds U+0000 (PostgreSQL text cannot), so such credentials are malformed, not wrong. */
export function malformedCredentials(credentials: { key: string; secret: string }): string | undefined {
  return `${credentials.key}${credentials.secret}`.includes('\u0000')
    ? 'Authorization: the Basic credentials hold U+0000, which no LRS key or secret contains'
    : undefined;
}
