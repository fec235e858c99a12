import type { FastifyRequest } from 'fastify';
import { UnauthorizedException } from '@nestjs/common';
import { refusedAsProblem, type BodyGate, type BodyGateDecision, type Runtime } from '#libs/platform';
import { authenticateBearer } from './signed-in.guard.js';

/** The /api routes that take a body without a bearer token: signing in is how one gets a token. */
const PUBLIC_BODY_ROUTES = new Set(['POST /api/auth/sign-in']);

/**
 * /api bodies are read only for a valid session or ADMIN_TOKEN (the check SignedInGuard makes; AdminGuard
 * then refuses a session where only the admin token will do), and for the routes above.
 */
export function signedInBodyGate(runtime: Runtime): BodyGate {
  return {
    covers: (path) => path === '/api' || path.startsWith('/api/'),
    async decide(request: FastifyRequest): Promise<BodyGateDecision> {
      if (PUBLIC_BODY_ROUTES.has(`${request.method} ${request.url.split('?')[0]}`)) return { kind: 'public' };
      const signedIn = await authenticateBearer(runtime, request.headers.authorization);
      if (!('problem' in signedIn)) return { kind: 'authenticated' };
      return refusedAsProblem(request, new UnauthorizedException(signedIn.problem));
    },
  };
}
