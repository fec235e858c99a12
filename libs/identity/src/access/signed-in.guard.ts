import { timingSafeEqual } from 'node:crypto';
import { Inject, Injectable, UnauthorizedException, type CanActivate, type ExecutionContext } from '@nestjs/common';
import { RUNTIME, type Runtime } from '#libs/platform';
import { lookUpSession } from '../sessions/session-lookup.js';
import type { Viewer } from './viewer.js';

/** The user id of the automation that signs in with ADMIN_TOKEN rather than as a person. */
export const ADMIN_TOKEN_USER_ID = 'admin-token';

/** What the guard leaves on the request for handlers (see `CurrentViewer`). */
export interface RequestWithViewer {
  headers: Record<string, string | string[] | undefined>;
  viewer?: Viewer;
  /** Set when the viewer came from a session (not ADMIN_TOKEN), so sign-out knows what to revoke. */
  sessionToken?: string;
}

/**
 * Requires `Authorization: Bearer <token>`: a session token from `POST /api/auth/sign-in`, or
 * ADMIN_TOKEN (platform admin, for automation). Sets `request.viewer`; 401 otherwise. It only
 * authenticates: each handler decides what this viewer may do (403 via `assertCan`).
 *
 * It depends on RUNTIME alone (global through PlatformModule), so any module's controllers can use
 * it without importing IdentityModule.
 */
@Injectable()
export class SignedInGuard implements CanActivate {
  constructor(@Inject(RUNTIME) private readonly runtime: Runtime) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const request = context.switchToHttp().getRequest<RequestWithViewer>();
    const signedIn = await authenticateBearer(this.runtime, request.headers.authorization);
    if ('problem' in signedIn) throw new UnauthorizedException(signedIn.problem);
    request.viewer = signedIn.viewer;
    request.sessionToken = signedIn.sessionToken;
    return true;
  }
}

/** The viewer behind `Authorization: Bearer <session token or ADMIN_TOKEN>`, or why there is none. */
export async function authenticateBearer(
  runtime: Runtime,
  authorization: string | string[] | undefined,
): Promise<{ viewer: Viewer; sessionToken?: string } | { problem: string }> {
  const token = bearerToken(authorization);
  if (token === undefined) {
    return { problem: 'Sign-in required: send Authorization: Bearer <session token> (from POST /api/auth/sign-in)' };
  }
  if (isAdminToken(runtime, token))
    return { viewer: { userId: ADMIN_TOKEN_USER_ID, roles: [{ kind: 'platform-admin' }] } };
  const session = await lookUpSession(runtime.pool, token);
  if (session.status === 'expired') return { problem: 'The session has expired: sign in again' };
  if (session.status !== 'valid')
    return { problem: 'The bearer token is not a valid session: sign in again at POST /api/auth/sign-in' };
  return { viewer: session.viewer, sessionToken: token };
}

function isAdminToken(runtime: Runtime, token: string): boolean {
  const expected = runtime.adminToken;
  return expected !== undefined && expected !== '' && sameSecret(token, expected);
}

function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  return /^Bearer\s+(\S+)\s*$/i.exec(value ?? '')?.[1];
}

function sameSecret(given: string, expected: string): boolean {
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}
