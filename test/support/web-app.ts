import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { expect } from 'vitest';
import { launchChromium, seriousAxeViolations } from './browser.js';
import { buildOnce } from './build.js';
import { startBuiltServer, type BuiltServer, type DemoCredentials } from './built-server.js';

/** A fresh browser context (its own sessionStorage) with its page and the page's script errors. */
export interface OpenPage {
  context: BrowserContext;
  page: Page;
  errors: string[];
}

/** JSON from /api with a bearer token; throws on anything but 2xx. */
export type ApiCall = <T = { id: string }>(method: string, path: string, body?: unknown) => Promise<T>;

/** The built server with the demo data and a headless Chromium beside it: what every browser test starts from. */
export interface WebApp {
  server: BuiltServer;
  demo: DemoCredentials;
  browser: Browser;
  /** A demo user by the start of their email (`'mary@'`). */
  credentialsOf(prefix: string): DemoCredentials['users'][number];
  /** A new context `width` px wide; CSP is bypassed only so that axe can be injected. */
  open(width?: number): Promise<OpenPage>;
  /** Signs in through the sign-in page: a demo user by email prefix, or anyone by email and password. */
  signIn(page: Page, who: string | { email: string; password: string }): Promise<void>;
  /** /api with the embedded server's admin token, for people and data the demo set lacks. */
  asAdmin: ApiCall;
  /** /api as a demo user (by email prefix), for setting the scene through the API the app itself uses. */
  apiAs(prefix: string): Promise<ApiCall>;
  close(): Promise<void>;
}

/**
 * How long `startWebApp` may take: the build (~2.5 min at a load average of 22 on this 2-core machine, 7 Dec
 * 2026, and 8 min at 25 the same morning) and the server's demo seed (up to 3 min; see built-server.ts) one
 * after the other.
 */
export const WEB_APP_START_MS = 900_000;

export async function startWebApp(): Promise<WebApp> {
  await buildOnce();
  const [server, browser] = await Promise.all([startBuiltServer(), launchChromium()]);
  const demo = await server.demo();
  const credentialsOf = (prefix: string) => {
    const user = demo.users.find((u) => u.email.startsWith(prefix));
    if (!user) throw new Error(`no demo user's email starts with ${prefix}`);
    return user;
  };
  return {
    server,
    demo,
    browser,
    credentialsOf,
    async open(width = 1024) {
      const context = await browser.newContext({
        viewport: { width, height: 720 },
        bypassCSP: true,
        baseURL: server.baseUrl,
      });
      const page = await context.newPage();
      const errors: string[] = [];
      page.on('pageerror', (error) => errors.push(error.message));
      return { context, page, errors };
    },
    async signIn(page, who) {
      const { email, password } = typeof who === 'string' ? credentialsOf(who) : who;
      await page.goto('/');
      await page.getByLabel('Email address').fill(email);
      await page.getByLabel('Password').fill(password);
      await page.getByRole('button', { name: 'Sign in' }).click();
      await page.getByRole('button', { name: 'Sign out' }).waitFor();
    },
    asAdmin: callerWith(server.baseUrl, readFileSync(join(server.dataDir, 'admin-token'), 'utf8').trim()),
    async apiAs(prefix) {
      const signedIn = await fetch(`${server.baseUrl}/api/auth/sign-in`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ email: credentialsOf(prefix).email, password: credentialsOf(prefix).password }),
      });
      if (!signedIn.ok) throw new Error(`${prefix} could not sign in: ${signedIn.status}`);
      return callerWith(server.baseUrl, ((await signedIn.json()) as { token: string }).token);
    },
    async close() {
      await browser.close();
      await server.stop();
    },
  };
}

function callerWith(baseUrl: string, token: string): ApiCall {
  return async <T>(method: string, path: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${path}`, {
      method,
      headers: {
        authorization: `Bearer ${token}`,
        ...(body === undefined ? {} : { 'content-type': 'application/json' }),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    if (!response.ok) throw new Error(`${method} ${path} answered ${response.status}: ${text}`);
    return (text ? JSON.parse(text) : undefined) as T;
  };
}

/** axe-core finds no serious or critical violation once the page has stopped loading. */
export async function expectAccessible(page: Page, view: string): Promise<void> {
  await page
    .getByRole('status')
    .filter({ hasText: /^Loading/ })
    .first()
    .waitFor({ state: 'detached' })
    .catch(() => undefined);
  expect(await seriousAxeViolations(page), `axe on ${view}`).toEqual([]);
}

/** The document's width: more than the viewport means the page scrolls sideways. */
export const scrollWidth = (page: Page) => page.evaluate('document.documentElement.scrollWidth') as Promise<number>;

/** The focused element as `TAG text`. */
export const focused = (page: Page) =>
  page.evaluate('`${document.activeElement.tagName} ${document.activeElement.textContent}`') as Promise<string>;
