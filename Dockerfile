# Rapport: one image for every role. The same image runs `--web` (HTTP, SMTP intake, realtime
# sockets) and `--worker` (job queue); compose.yaml shows both on one PostgreSQL.

# ---- build: all dependencies, then the web app (client bundle + server-rendering bundle) ----
FROM node:24-bookworm-slim AS build
WORKDIR /app
COPY package.json package-lock.json ./
RUN npm ci --no-audit --no-fund
COPY . .
RUN npm run build \
 && npm prune --omit=dev --no-audit --no-fund

# ---- runtime: production dependencies only, the server's TypeScript (Node 24 runs it as is), web/dist ----
FROM node:24-bookworm-slim AS runtime
ENV NODE_ENV=production \
    HOST=0.0.0.0 \
    PORT=3000 \
    SMTP_PORT=2525 \
    DATA_DIR=/data
WORKDIR /app
# The whole built tree: the server imports a few files outside server/src (contracts/, one
# web/src helper, the demo's sample data), and .dockerignore already leaves out the rest.
COPY --from=build --chown=node:node /app /app
# Uploaded files live under DATA_DIR unless S3 is configured: a volume shared by web and worker.
RUN mkdir -p /data && chown node:node /data
VOLUME ["/data"]
USER node
EXPOSE 3000 2525
# Ready = migrations applied, database reachable, realtime listener connected (health.ts).
# Workers have no HTTP listener: compose.yaml turns this check off for them.
HEALTHCHECK --interval=10s --timeout=3s --start-period=60s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:'+(process.env.PORT||3000)+'/api/health/ready').then(r=>process.exit(r.ok?0:1),()=>process.exit(1))"]
# Without a flag one process does both; compose.yaml runs them apart.
CMD ["node", "server/src/main.ts"]
