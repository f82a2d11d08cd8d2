import type { WebsocketPluginOptions } from "@fastify/websocket";
import type { Lifecycle } from "./lifecycle.js";

/**
 * The options of @fastify/websocket: messages up to the body limit. On close, open sessions may finish until
 * the shutdown grace period ends (lifecycle.signal), then the rest are closed with 1001 "going away".
 */
export function websocketOptions(maxPayload: number, lifecycle: Lifecycle): WebsocketPluginOptions {
  return {
    options: { maxPayload },
    preClose(done) {
      const server = this.websocketServer;
      let finished = false;
      const closeAll = (): void => {
        if (finished) return;
        finished = true;
        clearInterval(poll);
        for (const client of server.clients) client.close(1001, "server shutting down");
        server.close(() => done());
      };
      const poll = setInterval(() => server.clients.size === 0 && closeAll(), 50);
      if (server.clients.size === 0 || lifecycle.signal.aborted) closeAll();
      else lifecycle.signal.addEventListener("abort", closeAll, { once: true });
    },
  };
}
