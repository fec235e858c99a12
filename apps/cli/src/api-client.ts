import { existsSync, readFileSync } from 'node:fs';
import { join, resolve } from 'node:path';

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

/** URL from --url, CONTINUUM_URL or localhost:PORT; token from --token, ADMIN_TOKEN or DATA_DIR/admin-token. */
export function createApiClient(options: ApiClientOptions): ApiClient {
  const baseUrl = (options.url ?? process.env.CONTINUUM_URL ?? `http://localhost:${process.env.PORT ?? 8080}`).replace(/\/$/, '');
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
        throw new ApiError(0, `Cannot reach Continuum at ${baseUrl} (${(error as Error).message}); is it running? Set --url or CONTINUUM_URL.`);
      }
      const text = await response.text();
      const parsed = text ? safeJson(text) : undefined;
      if (!response.ok) {
        const message = (parsed as { message?: unknown } | undefined)?.message ?? text;
        throw new ApiError(response.status, `${method} ${path} failed with ${response.status}: ${String(message)}`);
      }
      return parsed as T;
    },
  };
}

function embeddedToken(): string | undefined {
  const file = join(resolve(process.env.DATA_DIR ?? './.data'), 'admin-token');
  return existsSync(file) ? readFileSync(file, 'utf8').trim() : undefined;
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}
