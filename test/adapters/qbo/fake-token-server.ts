import { createServer, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Logger } from '../../../src/application/ports/logger.port';

export interface FakeTokenServer {
  readonly url: string;
  readonly grants: { grantType: string; refreshToken: string | null }[];
  /** Every form posted to it, field by field, as the token endpoint received it. */
  readonly forms: Record<string, string>[];
  /** Refresh tokens it rejects with invalid_grant. */
  readonly revoked: Set<string>;
  close(): Promise<void>;
}

const readBody = async (request: IncomingMessage): Promise<string> => {
  const chunks: Buffer[] = [];
  for await (const chunk of request) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks).toString('utf8');
};

/** A tiny Intuit token endpoint over real HTTP: counts grants, rotates refresh tokens, answers invalid_grant. */
export const startFakeTokenServer = async (delayMs = 20): Promise<FakeTokenServer> => {
  const grants: FakeTokenServer['grants'] = [];
  const forms: FakeTokenServer['forms'] = [];
  const revoked = new Set<string>();
  let issued = 0;
  const server: Server = createServer(async (request, response) => {
    const form = new URLSearchParams(await readBody(request));
    forms.push(Object.fromEntries(form));
    const refreshToken = form.get('refresh_token');
    grants.push({ grantType: form.get('grant_type') ?? '', refreshToken });
    await new Promise((resolve) => setTimeout(resolve, delayMs));
    response.setHeader('content-type', 'application/json');
    if (request.url?.endsWith('/revoke')) return response.end('{}');
    if (refreshToken !== null && revoked.has(refreshToken)) {
      response.statusCode = 400;
      return response.end(JSON.stringify({ error: 'invalid_grant', error_description: 'Token invalid' }));
    }
    issued += 1;
    response.end(
      JSON.stringify({
        access_token: `access-${issued}`,
        refresh_token: `refresh-${issued}`,
        token_type: 'bearer',
        expires_in: 3600,
        x_refresh_token_expires_in: 8726400,
      }),
    );
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    grants,
    forms,
    revoked,
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
};

export interface RecordingLogger extends Logger {
  readonly lines: string[];
}

export const recordingLogger = (): RecordingLogger => {
  const lines: string[] = [];
  const record = (level: string) => (context: object, message: string) => lines.push(`${level} ${message} ${JSON.stringify(context)}`);
  return { lines, debug: record('debug'), info: record('info'), warn: record('warn'), error: record('error') };
};
