import type { WebSocket } from "ws";

/** RFC 6455 limits a close frame's reason to 123 bytes of UTF-8. */
export const MAX_CLOSE_REASON_BYTES = 123;

/** `reason` cut to at most 123 bytes of UTF-8, never inside a character. */
export function closeReason(reason: string): string {
  if (Buffer.byteLength(reason, "utf8") <= MAX_CLOSE_REASON_BYTES) return reason;
  let bytes = 0;
  let end = 0;
  for (const char of reason) {
    const size = Buffer.byteLength(char, "utf8");
    if (bytes + size > MAX_CLOSE_REASON_BYTES) break;
    bytes += size;
    end += char.length;
  }
  return reason.slice(0, end);
}

/**
 * Closes `socket` with `code` and a reason that always fits. Should `close` still throw (a code the library
 * refuses), the socket is terminated instead: a session must never stay open by accident.
 */
export function closeSocket(socket: WebSocket, code: number, reason: string): void {
  try {
    socket.close(code, closeReason(reason));
  } catch {
    socket.terminate();
  }
}
