import { startQboEmulator, type RunningQboEmulator, type StartQboEmulatorOptions } from '../../src/emulator/start-qbo-emulator';

export interface Company {
  readonly realmId: string;
  readonly accessToken: string;
  readonly refreshToken: string;
}

export interface ApiAnswer {
  readonly status: number;
  readonly body: any;
  readonly headers: Headers;
}

/** A running emulator plus small helpers that speak to it over real HTTP, like the gateway does. */
export class EmulatorClient {
  private constructor(private running?: RunningQboEmulator) {}

  static async start(options: StartQboEmulatorOptions = {}): Promise<EmulatorClient> {
    return new EmulatorClient(await startQboEmulator({ port: 0, ...options }));
  }

  /**
   * An emulator for the enclosing describe: started before all its tests and closed after them, or a fresh one
   * for each test (`'each'`) where a test must not see what the one before it changed.
   */
  static use(options: StartQboEmulatorOptions = {}, lifetime: 'all' | 'each' = 'all'): EmulatorClient {
    const client = new EmulatorClient();
    const [before, after] = lifetime === 'all' ? [beforeAll, afterAll] : [beforeEach, afterEach];
    before(async () => {
      client.running = await startQboEmulator({ port: 0, ...options });
    });
    after(() => client.close());
    return client;
  }

  get emulator(): RunningQboEmulator {
    if (!this.running) throw new Error('The emulator is not running: EmulatorClient.use starts it in a hook, so use it inside hooks and tests.');
    return this.running;
  }

  get url(): string {
    return this.emulator.url;
  }

  async close(): Promise<void> {
    const running = this.running;
    this.running = undefined;
    await running?.close(); // a start that failed left nothing to close
  }

  async control(method: string, path: string, body?: unknown): Promise<ApiAnswer> {
    const response = await fetch(`${this.url}/__emulator${path}`, {
      method,
      headers: body === undefined ? {} : { 'content-type': 'application/json' },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : undefined, headers: response.headers };
  }

  async company(companyName?: string): Promise<Company> {
    const answer = await this.control('POST', '/realms', companyName ? { companyName } : {});
    if (answer.status !== 201) throw new Error(`realm creation failed: ${answer.status}`);
    return answer.body as Company;
  }

  /** A call to `/v3/company/:realmId/<path>` with the company's bearer token. */
  async api(company: Company, method: string, path: string, body?: unknown, token: string | null = company.accessToken): Promise<ApiAnswer> {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (token !== null) headers.authorization = `Bearer ${token}`;
    if (body !== undefined) headers['content-type'] = typeof body === 'string' ? 'application/text' : 'application/json';
    const separator = path.includes('?') ? '&' : '?';
    const response = await fetch(`${this.url}/v3/company/${company.realmId}/${path}${separator}minorversion=75`, {
      method,
      headers,
      body: body === undefined ? undefined : typeof body === 'string' ? body : JSON.stringify(body),
    });
    const text = await response.text();
    return { status: response.status, body: text ? safeJson(text) : undefined, headers: response.headers };
  }

  async query(company: Company, statement: string): Promise<ApiAnswer> {
    return this.api(company, 'GET', `query?query=${encodeURIComponent(statement)}`);
  }

  async create(company: Company, entity: string, body: unknown, requestid?: string): Promise<ApiAnswer> {
    return this.api(company, 'POST', `${entity.toLowerCase()}${requestid ? `?requestid=${encodeURIComponent(requestid)}` : ''}`, body);
  }

  /** Creates and returns the entity, failing the test when QBO refused it. */
  async created(company: Company, entity: string, body: unknown): Promise<any> {
    const answer = await this.create(company, entity, body);
    if (answer.status !== 200) throw new Error(`create ${entity} failed: ${answer.status} ${JSON.stringify(answer.body)}`);
    return answer.body[entity];
  }

  async account(company: Company, name: string): Promise<any> {
    const answer = await this.query(company, `select * from Account where Name = '${name}'`);
    return answer.body.QueryResponse.Account[0];
  }

  async state(company: Company): Promise<Record<string, any[]>> {
    return (await this.control('GET', `/realms/${company.realmId}/state`)).body;
  }

  async requests(company: Company): Promise<any[]> {
    return (await this.control('GET', `/realms/${company.realmId}/requests`)).body.requests;
  }
}

function safeJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return text;
  }
}

export const faultCode = (answer: ApiAnswer): string | undefined => answer.body?.Fault?.Error?.[0]?.code;
