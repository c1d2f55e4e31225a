# syntax=docker/dockerfile:1
#
# One image per service, all from one build of the workspace. Pick the service with --target:
#
#   docker build --target api -t tidal-remedy/api:local .
#
# Targets: api, fetcher, matcher, publisher, tidal-emulator (test/deploy checks there is one per services/
# folder). `pnpm build` bundles each service with its workspace libs and npm dependencies into one file,
# services/<name>/dist/main.js, so a runtime image holds Node and that file: no node_modules, no sources, no
# package manager.

# Node 24 LTS, the version .nvmrc pins (test/deploy/node-version.test.ts keeps the two equal). A tag can be
# moved; to build from exactly the image you reviewed, pin its digest (README.md#deployment):
#   docker build --build-arg NODE_IMAGE=node:24.22.3-slim@sha256:<digest> --target api .
ARG NODE_IMAGE=node:24.22.3-slim

FROM ${NODE_IMAGE} AS build
# The pnpm that package.json's packageManager pins (test/deploy keeps the two equal). Not corepack: its
# signature check fails behind some registry mirrors.
RUN npm install --global --no-fund --no-audit pnpm@10.34.8
WORKDIR /workspace
# Dependencies first, keyed by the lockfile alone, so a source change does not download them again.
COPY pnpm-lock.yaml pnpm-workspace.yaml ./
RUN pnpm fetch
COPY . .
RUN pnpm install --frozen-lockfile --offline && pnpm build

FROM ${NODE_IMAGE} AS runtime
ENV NODE_ENV=production
WORKDIR /app
# The image's `node` user, by number: Kubernetes can only check runAsNonRoot against a numeric user.
USER 1000:1000

FROM runtime AS api
COPY --from=build /workspace/services/api/dist/ services/api/dist/
EXPOSE 8080
# Liveness of the HTTP server; node, because the slim image has no curl.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.PORT || 8080) + '/healthz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]
CMD ["node", "--enable-source-maps", "services/api/dist/main.js"]

# The workers share their probe: the health server of libs/runtime, ready while Redis answers.
FROM runtime AS worker
# V8 sizes its heap from the host's memory and collects lazily: a worker that peaks at ~300 MB resident with
# the defaults stays under 200 MB with these (bench/README.md, "Peak memory"), its live heap being far less.
ENV NODE_OPTIONS="--max-semi-space-size=4 --max-old-space-size=160"
EXPOSE 8081
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "fetch('http://127.0.0.1:' + (process.env.HEALTH_PORT || 8081) + '/readyz').then((r) => process.exit(r.ok ? 0 : 1), () => process.exit(1))"]

FROM worker AS fetcher
COPY --from=build /workspace/services/fetcher/dist/ services/fetcher/dist/
CMD ["node", "--enable-source-maps", "services/fetcher/dist/main.js"]

FROM worker AS matcher
COPY --from=build /workspace/services/matcher/dist/ services/matcher/dist/
CMD ["node", "--enable-source-maps", "services/matcher/dist/main.js"]

FROM worker AS publisher
COPY --from=build /workspace/services/publisher/dist/ services/publisher/dist/
CMD ["node", "--enable-source-maps", "services/publisher/dist/main.js"]

FROM runtime AS tidal-emulator
COPY --from=build /workspace/services/tidal-emulator/dist/ services/tidal-emulator/dist/
# The seeded catalog, where the emulator looks by default (../seed/catalog.json from its bundle).
COPY --from=build /workspace/services/tidal-emulator/seed/ services/tidal-emulator/seed/
EXPOSE 8090
# The emulator has no health route of its own: a TCP connect says it listens.
HEALTHCHECK --interval=10s --timeout=3s --start-period=10s --retries=3 \
  CMD ["node", "-e", "require('node:net').connect(Number(process.env.PORT || 8090), '127.0.0.1').on('connect', () => process.exit(0)).on('error', () => process.exit(1))"]
# It listens on loopback unless told otherwise; in a container the other services reach it over the network.
CMD ["node", "--enable-source-maps", "services/tidal-emulator/dist/main.js", "--host", "0.0.0.0"]
