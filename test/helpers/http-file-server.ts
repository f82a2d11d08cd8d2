// A real node:http server on an ephemeral port that serves in-memory files with byte-range
// support, and can misbehave on purpose: drop the connection mid-body, stall, ignore Range.
import { createServer, type IncomingMessage, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface ServedFile {
  readonly body: Buffer;
  /** Answer 200 with the whole file even to a Range request. */
  readonly ignoreRange?: boolean;
  /** Send this many body bytes, then destroy the socket... */
  readonly dropAfter?: number;
  /** ...on this many first requests for the file (default 1). */
  readonly dropTimes?: number;
  /** Send this many body bytes, then go silent with the connection open (every request). */
  readonly stallAfter?: number;
}

export interface RecordedRequest {
  readonly method: string;
  readonly path: string;
  readonly range: string | undefined;
  readonly acceptEncoding: string | undefined;
}

export interface FileServer {
  readonly baseUrl: string;
  url(path: string): string;
  readonly requests: RecordedRequest[];
  set(path: string, file: ServedFile | Buffer): void;
  close(): Promise<void>;
}

const RANGE = /^bytes=(\d+)-(\d*)$/;

export async function startFileServer(files: Record<string, ServedFile | Buffer> = {}): Promise<FileServer> {
  const table = new Map<string, ServedFile>();
  const served = new Map<string, number>();
  const requests: RecordedRequest[] = [];
  const set = (path: string, file: ServedFile | Buffer) => table.set(path, Buffer.isBuffer(file) ? { body: file } : file);
  for (const [path, file] of Object.entries(files)) set(path, file);

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
    const range = req.headers.range;
    requests.push({ method: req.method ?? "GET", path, range, acceptEncoding: req.headers["accept-encoding"] });
    const file = table.get(path);
    if (!file) {
      res.writeHead(404, { "content-type": "text/plain" }).end("not found");
      return;
    }
    const count = served.get(path) ?? 0;
    served.set(path, count + 1);

    const size = file.body.length;
    let start = 0;
    let end = size - 1;
    let status = 200;
    const match = range && !file.ignoreRange ? RANGE.exec(range) : null;
    if (match) {
      start = Number(match[1]);
      end = match[2] ? Math.min(Number(match[2]), size - 1) : size - 1;
      if (start >= size) {
        res.writeHead(416, { "content-range": `bytes */${size}` }).end();
        return;
      }
      status = 206;
    }
    const headers: Record<string, string | number> = { "content-length": end - start + 1, "accept-ranges": "bytes" };
    if (status === 206) headers["content-range"] = `bytes ${start}-${end}/${size}`;
    res.writeHead(status, headers);
    if (req.method === "HEAD") {
      res.end();
      return;
    }
    const body = file.body.subarray(start, end + 1);

    if (file.dropAfter !== undefined && count < (file.dropTimes ?? 1)) {
      res.write(body.subarray(0, file.dropAfter), () => res.destroy());
      return;
    }
    if (file.stallAfter !== undefined) {
      res.write(body.subarray(0, file.stallAfter)); // and never end
      return;
    }
    res.end(body);
  };

  const server = createServer(handle);
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const baseUrl = `http://127.0.0.1:${port}`;
  return {
    baseUrl,
    url: (path) => `${baseUrl}${path.startsWith("/") ? path : `/${path}`}`,
    requests,
    set,
    close: () =>
      new Promise<void>((resolve, reject) => {
        server.closeAllConnections(); // stalled responses would keep close() waiting
        server.close((err) => (err ? reject(err) : resolve()));
      }),
  };
}

/** A port nothing listens on: bind one, then release it. */
export async function unusedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}
