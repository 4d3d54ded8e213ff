# syntax=docker/dockerfile:1
# Herald image. The build stage installs the checkout with its dev dependencies (Vite builds the web app) and
# runs scripts/release.sh — the same script CI boots (packages/server/test/release/) — which assembles
# /release: the built web app, the core/sdk/server sources and production dependencies only. The runtime stage
# is that folder alone on Node 24, as the unprivileged `node` user.
ARG NODE_IMAGE=node:24-bookworm-slim

FROM ${NODE_IMAGE} AS build
WORKDIR /src
# Manifests first: the dependency layer is reused until one of them changes.
COPY package.json package-lock.json ./
COPY packages/core/package.json packages/core/
COPY packages/server/package.json packages/server/
COPY packages/sdk/package.json packages/sdk/
COPY packages/web/package.json packages/web/
RUN npm ci --no-audit --no-fund
COPY . .
RUN bash scripts/release.sh /release

FROM ${NODE_IMAGE}
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=8460 \
    HERALD_DATA_DIR=/data
WORKDIR /app
# Owned by root and read-only to the server: only /data (embedded SQLite, when no DATABASE_URL) is writable.
COPY --from=build /release /app
RUN mkdir -p /data && chown node:node /data
USER node
VOLUME ["/data"]
EXPOSE 8460
# /readyz answers 200 while the database answers (503 otherwise, and once a stopping process closes HTTP).
HEALTHCHECK --interval=15s --timeout=5s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||8460)+'/readyz').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# SIGTERM drains: sockets closed with 1001, in-flight requests and the worker's pass finished, then exit 0
# (HERALD_SHUTDOWN_TIMEOUT_MS, 10 s by default: keep the orchestrator's grace period above it).
STOPSIGNAL SIGTERM
ENTRYPOINT ["node", "--max-semi-space-size=8", "packages/server/src/main.ts"]
CMD ["serve"]
