/**
 * The generator's HTTP client: JSON calls to /api with the admin token (or a worker's session), and
 * statement batches to /xapi with an organisation's LRS client. Any answer but 2xx fails the run,
 * naming the call, except a 409 on a create marked `existing` (a re-run finds the organisation there).
 */
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
    options: { existing?: boolean; token?: string | null } = {},
  ): Promise<T> {
    const token = options.token === undefined ? this.adminToken : options.token;
    const response = await this.send(path, {
      method,
      headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
      body: JSON.stringify(body),
    });
    const text = await response.text();
    if (response.status === 409 && options.existing) return undefined as T;
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
    this.signal?.throwIfAborted();
    this.requests++;
    // Checked before each request rather than given to fetch: thousands of requests on one signal
    // leave an abort listener each behind (MaxListenersExceededWarning).
    return fetch(`${this.baseUrl}${path}`, init);
  }
}
