# syntax=docker/dockerfile:1
# kokoro-server: `docker build -t kokoro-server .`, then
#   docker run -p 8880:8880 -v kokoro-data:/data kokoro-server
# The model, voices and lexicons are not in the image: the first start downloads them into /data (a volume,
# so later starts and other replicas sharing it skip the download; a file lock keeps concurrent starts from
# fetching the same file twice). Or fill the volume ahead of time: `docker run -v kokoro-data:/data kokoro-server download`.

ARG NODE_IMAGE=node:20-bookworm-slim

# ---- build: compile TypeScript with the dev dependencies ----
FROM ${NODE_IMAGE} AS build
WORKDIR /src
COPY package.json package-lock.json ./
# --ignore-scripts: the root postinstall sets up the Raycast extension (not part of the server) and
# onnxruntime-node's own script only fetches CUDA libraries; its CPU binaries ship in the package.
RUN npm ci --ignore-scripts --no-audit --no-fund
COPY tsconfig.json ./
COPY src ./src
RUN npx tsc -b tsconfig.json

# ---- deps: production dependencies only, other platforms' native binaries removed ----
FROM ${NODE_IMAGE} AS deps
WORKDIR /src
COPY package.json package-lock.json ./
RUN npm ci --omit=dev --ignore-scripts --no-audit --no-fund \
 && arch="$(node -p process.arch)" \
 && find node_modules/onnxruntime-node/bin -mindepth 2 -maxdepth 2 -type d ! -name linux -exec rm -rf {} + \
 && find node_modules/onnxruntime-node/bin -mindepth 3 -maxdepth 3 -type d ! -name "$arch" -exec rm -rf {} + \
 && npm cache clean --force

# ---- runtime: node, tini, the compiled server; runs as the unprivileged `node` user ----
FROM ${NODE_IMAGE} AS runtime
RUN apt-get update \
 && apt-get install -y --no-install-recommends tini \
 && rm -rf /var/lib/apt/lists/* \
 && mkdir -p /data && chown node:node /data
WORKDIR /app
COPY --from=deps /src/node_modules ./node_modules
COPY --from=build /src/dist ./dist
COPY package.json ./
COPY bin ./bin
COPY web ./web

ENV NODE_ENV=production \
    KOKORO_HOME=/data \
    KOKORO_HOST=0.0.0.0 \
    KOKORO_PORT=8880 \
    KOKORO_DEVICE=cpu
VOLUME ["/data"]
USER node
EXPOSE 8880

# Ready = model loaded, warmed up and not draining (`/readyz`). The first start may download ~330 MB, hence
# the long start period. No curl in the slim image: node's fetch does the probe.
HEALTHCHECK --interval=10s --timeout=3s --start-period=300s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.KOKORO_PORT||8880)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]

# tini is PID 1: it forwards SIGTERM/SIGINT to node (whose handler drains: /readyz 503, in-flight requests
# finish within KOKORO_SHUTDOWN_GRACE_MS) and reaps zombies. Exec form, so no shell sits in between.
# `docker stop` waits 10 s by default before SIGKILL: give it --time (or compose's stop_grace_period) above
# KOKORO_SHUTDOWN_GRACE_MS.
ENTRYPOINT ["/usr/bin/tini", "--", "node", "/app/bin/kokoro"]
CMD ["serve"]
