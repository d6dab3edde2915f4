# syntax=docker/dockerfile:1
#
# One image per Lingtan service, all built from this file. Build context: the repository
# root (the repository's .dockerignore keeps node_modules, data and .git out of it).
#
#   docker build -f docker/service.Dockerfile --build-arg SERVICE=ingestor -t lingtan/ingestor:local .
#
# SERVICE names a script of the root package.json ("ingestor" runs
# `tsx services/ingestor/src/main.ts`). The services are TypeScript run by tsx: there is
# no build step, and the packages under packages/* are imported as TypeScript sources.
# docker/compose.yaml builds it for each service.

FROM node:20-bookworm-slim

# corepack cannot be used with this project's registry (its metadata carries no
# signatures), so pnpm comes from npm, at the version of package.json's packageManager.
ARG PNPM_VERSION=10.34.9
RUN npm install -g "pnpm@${PNPM_VERSION}" && npm cache clean --force

WORKDIR /app

# The whole workspace: a frozen install needs the manifest of every workspace package,
# and the services run from the sources.
COPY . .

# Development dependencies are installed too: tsx, the runtime, is one of them.
# The pnpm store is a BuildKit cache mount: rebuilds reuse what was downloaded, and the
# image holds node_modules (copied out of the store) but not the store itself.
# Only packages listed under onlyBuiltDependencies in pnpm-workspace.yaml run install
# scripts; this slim image has no compiler, so a package that needs node-gyp would
# also need `apt-get install python3 make g++` here.
RUN --mount=type=cache,id=lingtan-pnpm-store,target=/pnpm/store \
    CI=true pnpm install --frozen-lockfile --store-dir /pnpm/store --package-import-method copy

# The control view's static build, which the gateway serves (packages/control-view/dist).
RUN pnpm build:view

# Writable state (the ingestor's durable spool, embedded store files) goes under
# /app/data; compose mounts a named volume there, which takes this ownership.
RUN mkdir -p /app/data && chown node:node /app/data

# Runs `pnpm $SERVICE`'s script with exec, so the service gets SIGTERM on `docker stop`
# (pnpm itself exits at once on SIGTERM without passing it on: see the script).
RUN install -m 0755 docker/service-entrypoint.sh /usr/local/bin/lingtan-service

# Last, so that every service shares the layers above.
ARG SERVICE
ENV NODE_ENV=production \
    SERVICE=${SERVICE}

USER node
ENTRYPOINT ["lingtan-service"]
# Empty: the script is $SERVICE. `docker run IMAGE sim --help` runs another root script.
CMD []
