// The peers bench runs each text-to-speech implementation in a child process of its own, so that its memory is
// measured alone and two builds of onnxruntime-node never share a process. Parent and child talk over Node's IPC
// channel: one request at a time, each answered by a reply with the same id; the child's first message (id 0)
// says it is ready.
import { fork, type ChildProcess } from "node:child_process";

interface Reply {
  readonly id: number;
  readonly ok: boolean;
  readonly value?: unknown;
  readonly error?: string;
}

export interface Request {
  readonly kind: string;
  readonly [key: string]: unknown;
}

export interface MemoryUse {
  /** Resident set size now, MiB. */
  readonly rssMiB: number;
  /** Peak resident set size of the process so far, MiB. */
  readonly peakRssMiB: number;
}

export function memoryUse(): MemoryUse {
  const mib = (bytes: number): number => Math.round(bytes / 2 ** 20);
  return { rssMiB: mib(process.memoryUsage().rss), peakRssMiB: mib(process.resourceUsage().maxRSS * 1024) };
}

export interface Child<Ready> {
  readonly pid: number;
  /** What the child sent when it was ready. */
  readonly ready: Ready;
  request<T>(message: Request): Promise<T>;
  close(): Promise<void>;
}

/** Starts `script` (TypeScript, through tsx) with `args` and waits for its ready message. */
export async function startChild<Ready>(script: string, args: readonly string[]): Promise<Child<Ready>> {
  const child: ChildProcess = fork(script, args, { execArgv: ["--import", "tsx"], stdio: ["ignore", "inherit", "inherit", "ipc"] });
  const pending = new Map<number, { resolve: (v: unknown) => void; reject: (e: Error) => void }>();
  let nextId = 1;
  let exited: Error | undefined;
  child.on("message", (message: Reply) => {
    const waiter = pending.get(message.id);
    if (!waiter) return;
    pending.delete(message.id);
    if (message.ok) waiter.resolve(message.value);
    else waiter.reject(new Error(`${script}: ${message.error}`));
  });
  child.on("exit", (code, signal) => {
    exited = new Error(`${script} exited (${signal ?? code})`);
    for (const waiter of pending.values()) waiter.reject(exited);
    pending.clear();
  });
  const ready = await new Promise<Ready>((resolve, reject) => pending.set(0, { resolve: (v) => resolve(v as Ready), reject }));
  return {
    pid: child.pid!,
    ready,
    request<T>(message: Request): Promise<T> {
      if (exited) return Promise.reject(exited);
      const id = nextId++;
      return new Promise<T>((resolve, reject) => {
        pending.set(id, { resolve: (v) => resolve(v as T), reject });
        child.send({ ...message, id });
      });
    },
    async close(): Promise<void> {
      if (exited) return;
      const gone = new Promise((resolve) => child.once("exit", resolve));
      child.kill("SIGTERM");
      await gone;
    },
  };
}

/**
 * The child's side: announces `ready`, then answers each request with `handlers[kind]` (plus `memory`, which
 * every child answers alike). Requests are handled one after another.
 */
export function serveParent(ready: unknown, handlers: Record<string, (message: Request) => Promise<unknown>>): void {
  const send = (reply: Reply): void => {
    process.send!(reply);
  };
  const all: Record<string, (message: Request) => Promise<unknown>> = { memory: async () => memoryUse(), ...handlers };
  let queue = Promise.resolve();
  process.on("message", (message: Request & { id: number }) => {
    queue = queue.then(async () => {
      const handler = all[message.kind];
      try {
        if (!handler) throw new Error(`unknown request ${message.kind}`);
        send({ id: message.id, ok: true, value: await handler(message) });
      } catch (error) {
        send({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) });
      }
    });
  });
  // The parent going away (bench interrupted) ends the child too.
  process.on("disconnect", () => process.exit(0));
  send({ id: 0, ok: true, value: ready });
}

/** Reports a child's start-up failure to the parent as a failed ready message, then exits. */
export function failStart(error: unknown): void {
  const reply: Reply = { id: 0, ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) };
  process.send!(reply, undefined, undefined, () => process.exit(1));
}
