import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';

/**
 * Listens on 127.0.0.1:`port` (0: any free port) and hands each request with its whole body to
 * `handle`; the test servers of the OpenAI-compatible APIs share it. `close` ends open
 * keep-alive connections too, so a test never waits on them.
 */
export async function listenWithBody(handle: (req: IncomingMessage, res: ServerResponse, body: string) => void, port: number): Promise<{ base: string; close(): Promise<void> }> {
  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => handle(req, res, Buffer.concat(chunks).toString('utf8')));
  });
  server.keepAliveTimeout = 60_000;
  await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
  const addr = server.address() as AddressInfo;
  return {
    base: `http://127.0.0.1:${addr.port}`,
    close: () =>
      new Promise<void>((resolve) => {
        server.closeAllConnections();
        server.close(() => resolve());
      }),
  };
}

/** A 200 JSON answer, or with `drop` its first half and then a reset connection (a broken-off body). */
export function sendJson(res: ServerResponse, json: string, drop = false): void {
  if (drop) {
    res.writeHead(200, { 'content-type': 'application/json', 'content-length': String(json.length) });
    res.write(json.slice(0, json.length >> 1));
    res.socket?.destroy();
    return;
  }
  res.writeHead(200, { 'content-type': 'application/json' }).end(json);
}
