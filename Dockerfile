# syntax=docker/dockerfile:1.7
# Seedline's one image: the web app, the worker and ingest run from it with different commands
# (infra/cdk/services.ts, decision 032). Built from the repository root; .dockerignore keeps
# tests, docs, local data and node_modules out.
#
# The base is pinned to the Node release the repository is tested on (package.json's engines), by
# tag rather than digest: a rebuild picks up Debian's security fixes for that release. Pin the
# digest (node:20.20.2-slim@sha256:...) once CI builds the image and a bot bumps it.
ARG NODE_IMAGE=node:20.20.2-slim

# --- build: every dependency, the Prisma client and the production build of web
FROM ${NODE_IMAGE} AS build
WORKDIR /app
ENV NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
COPY prisma/package.json prisma/
COPY web/package.json web/
COPY firmware-bridge/package.json firmware-bridge/
COPY infra/package.json infra/
COPY test/support/fs-placeholder test/support/fs-placeholder
# No install scripts (npm 10, Node 20's own, ignores package.json's allowScripts): the one the app
# needs, the root's `prisma generate`, runs below; native parts come prebuilt (sharp, aws-crt).
RUN npm ci --ignore-scripts
COPY . .
RUN npm run generate -w @seedline/db && npm run build -w @seedline/web

# --- app: production dependencies only, the build, a user without privileges
FROM ${NODE_IMAGE} AS app
WORKDIR /app
ENV NODE_ENV=production NPM_CONFIG_UPDATE_NOTIFIER=false NPM_CONFIG_FUND=false NPM_CONFIG_AUDIT=false
COPY package.json package-lock.json ./
COPY prisma/package.json prisma/
COPY web/package.json web/
COPY firmware-bridge/package.json firmware-bridge/
COPY infra/package.json infra/
COPY test/support/fs-placeholder test/support/fs-placeholder
RUN npm ci --omit=dev --ignore-scripts && npm cache clean --force
COPY . .
COPY --from=build /app/prisma/generated prisma/generated
COPY --from=build /app/web/build web/build
# RDS's certificate authorities, so that DATABASE_URL's sslmode=verify-full can check the server.
ADD --chmod=644 https://truststore.pki.rds.amazonaws.com/global/global-bundle.pem /etc/ssl/certs/rds-global-bundle.pem
ENV NODE_EXTRA_CA_CERTS=/etc/ssl/certs/rds-global-bundle.pem
COPY --chmod=755 infra/container/entrypoint.sh /usr/local/bin/seedline-entrypoint
# The data folder (photo variants, mail previews): the one place the app writes.
RUN mkdir /data && chown node:node /data
ENV SEEDLINE_DATA_DIR=/data HOST=0.0.0.0 PORT=3000
USER node
EXPOSE 3000
# No HEALTHCHECK: on ECS the load balancer checks web's /health, and worker and ingest serve no HTTP.
ENTRYPOINT ["seedline-entrypoint"]
CMD ["node", "--import", "tsx", "web/server/main.ts"]
