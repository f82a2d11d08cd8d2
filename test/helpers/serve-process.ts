import type { ChildProcessWithoutNullStreams } from "node:child_process";

/** The URL a `kokoro serve --port 0` child prints on stdout ("listening on http://..."); rejects if it exits first. */
export function listeningUrl(proc: ChildProcessWithoutNullStreams, stderr: () => string): Promise<string> {
  let stdout = "";
  return new Promise<string>((resolve, reject) => {
    proc.stdout.on("data", (d: Buffer) => {
      stdout += d.toString();
      const m = /listening on (http:\/\/127\.0\.0\.1:\d+)/.exec(stdout);
      if (m) resolve(m[1]!);
    });
    proc.once("exit", (code) => reject(new Error(`kokoro serve exited early (${code}): ${stderr()}`)));
  });
}

/** Polls `/health` until it answers 200 (the model is loaded and warm). */
export async function untilReady(url: string, stderr: () => string, timeoutMs = 120_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const status = await fetch(`${url}/health`).then((r) => r.status, () => 0);
    if (status === 200) return;
    if (Date.now() > deadline) throw new Error(`server not ready after ${timeoutMs / 1000} s: ${stderr()}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
