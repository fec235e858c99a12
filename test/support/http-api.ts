import { expect } from 'vitest';
import { findCapability, indicatorsAt, type StageName } from '#libs/framework';
import type { TestApp } from './app.js';

/** A JSON call to /api with a bearer token; returns status and parsed body. */
export async function api(app: TestApp, token: string | undefined, method: string, path: string, body?: unknown) {
  const response = await fetch(`${app.baseUrl}${path}`, {
    method,
    headers: {
      ...(token ? { authorization: `Bearer ${token}` } : {}),
      ...(body === undefined ? {} : { 'content-type': 'application/json' }),
    },
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  const text = await response.text();
  let json: any;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  return { status: response.status, body: json, text, headers: response.headers };
}

/** The same, expecting success. */
export async function ok(app: TestApp, token: string | undefined, method: string, path: string, body?: unknown) {
  const result = await api(app, token, method, path, body);
  if (result.status >= 300) throw new Error(`${method} ${path} → ${result.status}: ${result.text}`);
  return result.body;
}

/** An LMS sending statements to /xapi with the bootstrap client's credentials. */
export async function sendStatements(app: TestApp, statements: unknown[]): Promise<string[]> {
  const response = await fetch(`${app.baseUrl}/xapi/statements`, {
    method: 'POST',
    headers: {
      authorization: `Basic ${Buffer.from(`${app.lrsKey}:${app.lrsSecret}`).toString('base64')}`,
      'x-experience-api-version': '1.0.3',
      'content-type': 'application/json',
    },
    body: JSON.stringify(statements),
  });
  const text = await response.text();
  expect(response.status, text).toBe(200);
  return JSON.parse(text) as string[];
}

/** Ids of every indicator of a personal capability from engaged up to `stage` (all of them: stages are cumulative). */
export function indicatorsUpTo(capabilityId: string, stage: StageName): string[] {
  const capability = findCapability(capabilityId)!;
  const order: StageName[] = ['engaged', 'established', 'accomplished', 'exemplary'];
  return order.slice(0, order.indexOf(stage) + 1).flatMap((s) => indicatorsAt(capability, s).map((i) => i.id));
}

export function indicatorsOfStage(capabilityId: string, stage: StageName): string[] {
  return indicatorsAt(findCapability(capabilityId)!, stage).map((i) => i.id);
}

export async function createUser(app: TestApp, email: string, roles: unknown[]): Promise<string> {
  await ok(app, app.adminToken, 'POST', '/api/admin/users', {
    email,
    displayName: email.split('@')[0],
    password: 'correct horse battery staple',
    roles,
  });
  const signedIn = await ok(app, undefined, 'POST', '/api/auth/sign-in', {
    email,
    password: 'correct horse battery staple',
  });
  return signedIn.token as string;
}

export function stageOf(
  profile: { capabilities: { capabilityId: string; stage: string }[] },
  capabilityId: string,
): string {
  return profile.capabilities.find((c) => c.capabilityId === capabilityId)!.stage;
}
