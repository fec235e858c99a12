import { session } from '../session';

/** An answer from /api that was not a success, put into words a person can act on. */
export class ApiError extends Error {
  constructor(
    readonly status: number,
    message: string,
    /** The request field the server named, when it named one. */
    readonly field?: string,
  ) {
    super(message);
    this.name = 'ApiError';
  }
}

/**
 * What an /api error says: its RFC 9457 problem details' `detail`, and `field`, the request field at
 * fault, when it names one. Without a detail (a proxy's own error page, say) the title or status speaks.
 */
export function messageOf(body: unknown, status: number): { message: string; field?: string } {
  if (body && typeof body === 'object') {
    const problem = body as Record<string, unknown>;
    const field = typeof problem.field === 'string' ? problem.field : undefined;
    if (typeof problem.detail === 'string') return { message: problem.detail, field };
    if (typeof problem.title === 'string') return { message: problem.title, field };
  }
  return { message: `The server answered ${status} without saying why.` };
}

type Method = 'GET' | 'POST' | 'PUT' | 'DELETE';

async function send(method: Method, path: string, body: unknown, accept: string): Promise<Response> {
  const headers: Record<string, string> = { accept };
  const token = session.token();
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  let response: Response;
  try {
    response = await fetch(path, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
  } catch {
    throw new ApiError(0, 'Could not reach Continuum. Check your connection and try again.');
  }
  if (response.ok) return response;
  const text = await response.text();
  let parsed: unknown = text;
  try {
    parsed = JSON.parse(text);
  } catch {
    // not JSON: the text itself (or the status) says what went wrong
  }
  const { message, field } =
    typeof parsed === 'string' && parsed ? { message: parsed, field: undefined } : messageOf(parsed, response.status);
  if (response.status === 401 && token) session.expired();
  throw new ApiError(response.status, message, field);
}

/** JSON from /api with the session's bearer token; throws ApiError on anything but 2xx. */
export async function api<T>(method: Method, path: string, body?: unknown): Promise<T> {
  const response = await send(method, path, body, 'application/json');
  if (response.status === 204) return undefined as T;
  const text = await response.text();
  return (text ? JSON.parse(text) : undefined) as T;
}

/** A non-JSON answer (CSV, printable HTML) as a Blob, for a download or a new tab. */
export async function apiBlob(path: string, accept: string): Promise<Blob> {
  return (await send('GET', path, undefined, accept)).blob();
}

/** Query string from the defined values only. */
export function query(params: Record<string, string | number | undefined | null>): string {
  const search = new URLSearchParams();
  for (const [key, value] of Object.entries(params))
    if (value !== undefined && value !== null && value !== '') search.set(key, String(value));
  const text = search.toString();
  return text ? `?${text}` : '';
}
