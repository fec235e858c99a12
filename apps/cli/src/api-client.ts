import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';
import { findRunningInstance } from '#libs/config';

/** The CLI talks to a running Continuum over its HTTP API, in embedded and cluster mode alike. */
export interface ApiClient {
  readonly baseUrl: string;
  request<T>(method: string, path: string, body?: unknown): Promise<T>;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

export interface ApiClientOptions {
  url?: string;
  token?: string;
}

/** URL from `baseUrlOf`; token from --token, ADMIN_TOKEN or DATA_DIR/admin-token. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = baseUrlOf(options);
  const token = options.token ?? process.env.ADMIN_TOKEN ?? embeddedToken();
  return {
    baseUrl,
    async request<T>(method: string, path: string, body?: unknown): Promise<T> {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}${path}`, {
          method,
          headers: {
            ...(token ? { authorization: `Bearer ${token}` } : {}),
            ...(body === undefined ? {} : { 'content-type': 'application/json' }),
          },
          body: body === undefined ? undefined : JSON.stringify(body),
        });
      } catch (error) {
        throw new ApiError(
          0,
          `Cannot reach Continuum at ${baseUrl} (${(error as Error).message}); is it running? Set --url or CONTINUUM_URL.`,
        );
      }
      const text = await response.text();
      const parsed = text ? safeJson(text) : undefined;
      if (!response.ok) {
        // /api answers problem details (RFC 9457): `detail` says what went wrong.
        const message = (parsed as { detail?: unknown } | undefined)?.detail ?? text;
        throw new ApiError(response.status, `${method} ${path} failed with ${response.status}: ${String(message)}`);
      }
      return parsed as T;
    },
  };
}

/**
 * --url, else CONTINUUM_URL, else the instance running from DATA_DIR (it records its URL there while it
 * listens), else localhost:PORT (8080 by default).
 */
export function baseUrlOf(options: ApiClientOptions, env: NodeJS.ProcessEnv = process.env): string {
  const url =
    options.url ??
    env.CONTINUUM_URL ??
    findRunningInstance(dataDirOf(env))?.url ??
    `http://localhost:${env.PORT ?? 8080}`;
  return url.replace(/\/$/, '');
}

function dataDirOf(env: NodeJS.ProcessEnv): string {
  return resolve(env.DATA_DIR || './.data');
}

function embeddedToken(): string | undefined {
  const file = join(dataDirOf(process.env), 'admin-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
