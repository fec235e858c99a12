import type { FastifyRequest } from 'fastify';
import type { BodyGate, BodyGateDecision } from '#libs/platform';
import { isXapiPath, XapiBusy } from '../http/xapi-errors.js';
import { authenticateBasic, basicCredentials, LRS_REALM, malformedCredentials } from './lrs-auth.guard.js';
import type { LrsClientsService } from './lrs-clients.service.js';

/**
 * /xapi bodies are read only for an active LRS client (HTTP Basic). The one exception is the 1.0.3
 * alternate request syntax without an Authorization header: its credentials are a form field, so its
 * body must be read (and is, up to the unauthenticated limit) before LrsAuthGuard can check them.
 */
export function lrsBodyGate(clients: LrsClientsService): BodyGate {
  return {
    covers: (path) => isXapiPath(path),
    async decide(request: FastifyRequest): Promise<BodyGateDecision> {
      const header = request.headers.authorization;
      if (!header && new URLSearchParams(request.url.split('?')[1] ?? '').has('method')) return { kind: 'public' };
      const credentials = basicCredentials(header);
      if (typeof credentials === 'string') return unauthorized(credentials);
      const malformed = malformedCredentials(credentials);
      if (malformed) return refused(400, { 'content-type': 'application/json; charset=utf-8' }, malformed);
      try {
        const principal = await authenticateBasic(clients, credentials);
        return principal
          ? { kind: 'authenticated' }
          : unauthorized('The key and secret do not match an active LRS client');
      } catch (error) {
        if (error instanceof XapiBusy) return busy(error);
        throw error;
      }
    },
  };
}

function busy(error: XapiBusy): BodyGateDecision {
  const headers = { 'retry-after': String(error.retryAfterSeconds), 'content-type': 'application/json; charset=utf-8' };
  return refused(error.getStatus(), headers, error.message);
}

function unauthorized(message: string): BodyGateDecision {
  return refused(401, { 'www-authenticate': LRS_REALM, 'content-type': 'application/json; charset=utf-8' }, message);
}

function refused(status: number, headers: Record<string, string>, message: string): BodyGateDecision {
  return { kind: 'refused', status, headers, body: { error: { status, message } } };
}
