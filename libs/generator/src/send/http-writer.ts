/**
 * The generator's HTTP client: JSON calls to /api with the admin token (or a worker's session), and
 * statement batches to /xapi with an organisation's LRS client. Any answer but 2xx fails the run,
 * naming the call, except a 409 on a create marked `existing` (a re-run finds the organisation there), and
 * a 409 on a call marked `retryWhileBusy`, sent again after a pause (a completion the API asks to repeat
 * once the cycle's answers are recorded). A 503 with Retry-After (too many password or LRS secret hashes
 * waiting on the server) is sent again after the pause it asks for, as any client should.
 */
const BUSY = Symbol('busy');
/**
 * A completion is refused (409) while the audit statement reactor is more than the API's 10 s wait
 * behind: with a cycle's answers sent side by side on a loaded host, ten tries (~2 min) ran out once.
 */
const BUSY_RETRIES = 30;
const BUSY_PAUSE_MS = 2_000;
/** A server that keeps answering 503 this many times running is not coming back within a run. */
const UNAVAILABLE_RETRIES = 20;

export class HttpWriter {
  requests = 0;

  constructor(
    private readonly baseUrl: string,
    private readonly adminToken: string,
    private readonly signal?: AbortSignal,
  ) {}

  async api<T = unknown>(
    method: string,
    path: string,
    body: unknown,
    options: { existing?: boolean; retryWhileBusy?: boolean; token?: string | null } = {},
  ): Promise<T> {
    for (let attempt = 1; ; attempt++) {
      const answer = await this.apiOnce<T>(method, path, body, options);
      if (answer !== BUSY) return answer;
      if (attempt === BUSY_RETRIES)
        throw new Error(`generator: ${method} ${path} still answered 409 after ${BUSY_RETRIES} tries`);
      await new Promise((resolve) => setTimeout(resolve, BUSY_PAUSE_MS));
    }
  }

  private async apiOnce<T>(
    method: string,
    path: string,
    body: unknown,
    options: { existing?: boolean; retryWhileBusy?: boolean; token?: string | null },
  ): Promise<T | typeof BUSY> {
    const token = options.token === undefined ? this.adminToken : options.token;
    const response = await this.send(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 409 && options.existing) return undefined as T;
    if (response.status === 409 && options.retryWhileBusy) return BUSY;
    if (!response.ok)
      throw new Error(`generator: ${method} ${path} answered ${response.status}: ${text.slice(0, 500)}`);
    return (text ? JSON.parse(text) : undefined) as T;
  }

  async xapi(authorization: string, statements: unknown[]): Promise<void> {
    const response = await this.send('/xapi/statements', {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization, 'x-experience-api-version': '1.0.3' },
      body: JSON.stringify(statements),
    });
    const text = await response.text();
    if (!response.ok)
      throw new Error(
        `generator: POST /xapi/statements (${statements.length} statements) answered ${response.status}: ${text.slice(0, 500)}`,
      );
  }

  private async send(path: string, init: RequestInit): Promise<Response> {
    for (let attempt = 1; ; attempt++) {
      this.signal?.throwIfAborted();
      this.requests++;
      // Checked before each request rather than given to fetch: thousands of requests on one signal
      // leave an abort listener each behind (MaxListenersExceededWarning).
      const response = await fetch(`${this.baseUrl}${path}`, init);
      const pause = retryAfterMs(response);
      if (pause === undefined || attempt === UNAVAILABLE_RETRIES) return response;
      await response.arrayBuffer();
      await new Promise((resolve) => setTimeout(resolve, pause));
    }
  }
}

/** The pause a 503 asks for (Retry-After in seconds); undefined for any other answer. */
function retryAfterMs(response: Response): number | undefined {
  const header = response.headers.get('retry-after');
  if (response.status !== 503 || header === null) return undefined;
  const seconds = Number(header);
  return Number.isFinite(seconds) && seconds >= 0 ? Math.min(seconds, 60) * 1000 : undefined;
}
