import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';

/** One write QBO answered, as the record stood right after it (from QBO's own answer). */
export interface RecordedWrite {
  readonly realmId: string;
  readonly entity: string;
  readonly operation: 'create' | 'update' | 'delete' | 'void';
  readonly id: string;
  readonly record: Readonly<Record<string, unknown>>;
}

export interface WriteRecorder {
  readonly url: string;
  /** Every write QBO answered with a record, single or inside a batch, in the order the answers came back. */
  readonly writes: RecordedWrite[];
  close(): Promise<void>;
}

type Json = Record<string, any>;
const entityOf = (body: Json): [string, Json] | null => {
  const key = Object.keys(body).find((k) => /^[A-Z]/.test(k) && typeof body[k] === 'object' && body[k] !== null && 'Id' in body[k]);
  return key ? [key, body[key]] : null;
};

/**
 * Stands between the workers and the emulator: forwards every request untouched and writes down each write QBO
 * answered, with the record as QBO returned it. `beforeAnswer(write)` may return 'drop' to cut the connection
 * after QBO applied the write (the caller then never hears back — as when a worker dies right then).
 */
export const startWriteRecorder = async (target: string, beforeAnswer: (writes: readonly RecordedWrite[]) => 'answer' | 'drop' = () => 'answer'): Promise<WriteRecorder> => {
  const writes: RecordedWrite[] = [];
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', async () => {
      const headers = Object.fromEntries(Object.entries(req.headers).filter(([k]) => !['host', 'content-length', 'connection'].includes(k))) as Record<string, string>;
      let answer: Response;
      try {
        answer = await fetch(`${target}${req.url}`, { method: req.method!, headers, ...(chunks.length > 0 ? { body: Buffer.concat(chunks) } : {}) });
      } catch {
        req.socket.destroy(); // QBO cut the connection (apply-then-drop): so do we
        return;
      }
      const body = Buffer.from(await answer.arrayBuffer());
      const url = new URL(req.url ?? '/', 'http://proxy');
      const isWrite = req.method === 'POST' && !/\/query$/.test(url.pathname) && answer.status === 200;
      const recorded = isWrite ? writesOf(url, chunks.length > 0 ? Buffer.concat(chunks) : null, body) : [];
      writes.push(...recorded);
      if (recorded.length > 0 && beforeAnswer(recorded) === 'drop') {
        req.socket.destroy();
        return;
      }
      const passed: Record<string, string> = {};
      for (const name of ['content-type', 'intuit_tid', 'retry-after']) if (answer.headers.get(name) !== null) passed[name] = answer.headers.get(name)!;
      res.writeHead(answer.status, passed).end(body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`,
    writes,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
};

const writesOf = (url: URL, request: Buffer | null, response: Buffer): RecordedWrite[] => {
  const realmId = /\/company\/([^/]+)\//.exec(url.pathname)?.[1] ?? '';
  let sent: Json;
  let got: Json;
  try {
    sent = request ? JSON.parse(request.toString()) : {};
    got = JSON.parse(response.toString());
  } catch {
    return [];
  }
  if (url.pathname.endsWith('/batch')) {
    const items = (sent.BatchItemRequest ?? []) as Json[];
    return ((got.BatchItemResponse ?? []) as Json[]).flatMap((answer) => {
      const item = items.find((i) => i.bId === answer.bId);
      const found = entityOf(answer);
      if (!item || !found) return [];
      const operation = item.operation === 'update' && item.optionsData === 'void' ? 'void' : (String(item.operation) as RecordedWrite['operation']);
      return [{ realmId, entity: found[0], operation, id: String(found[1].Id), record: found[1] }];
    });
  }
  const found = entityOf(got);
  if (!found) return [];
  const asked = url.searchParams.get('operation');
  const operation: RecordedWrite['operation'] = asked === 'delete' ? 'delete' : asked === 'void' || url.searchParams.get('include') === 'void' ? 'void' : sent.Id ? 'update' : 'create';
  return [{ realmId, entity: found[0], operation, id: String(found[1].Id), record: found[1] }];
};
