#!/bin/sh
# The image's entrypoint (Dockerfile): turns what ECS injects from Secrets Manager into what the app
# reads, then runs the command in its place (exec: ECS's SIGTERM reaches the app).
#  - DATABASE_URL from the RDS secret's parts DB_HOST, DB_PORT, DB_NAME, DB_USER, DB_PASSWORD, unless
#    DATABASE_URL is set. The generated password holds only letters, digits and -_.~ (database.ts),
#    so it goes into the URL as it is. verify-full: RDS's CA is in NODE_EXTRA_CA_CERTS.
#  - INGEST_CERT, INGEST_KEY, INGEST_CA as files, from the PEM texts INGEST_CERT_PEM, INGEST_KEY_PEM,
#    INGEST_CA_PEM (all three, or none: blank ones are left unset, and ingest stays off).
set -eu

if [ -z "${DATABASE_URL:-}" ] && [ -n "${DB_HOST:-}" ]; then
  DATABASE_URL="postgresql://${DB_USER}:${DB_PASSWORD}@${DB_HOST}:${DB_PORT}/${DB_NAME}?sslmode=${DB_SSLMODE:-verify-full}"
  export DATABASE_URL
fi
unset DB_PASSWORD

if [ -n "${INGEST_CERT_PEM:-}" ] && [ -n "${INGEST_KEY_PEM:-}" ] && [ -n "${INGEST_CA_PEM:-}" ]; then
  umask 077
  dir=$(mktemp -d)
  printf '%s\n' "$INGEST_CERT_PEM" >"$dir/cert.pem"
  printf '%s\n' "$INGEST_KEY_PEM" >"$dir/private.key"
  printf '%s\n' "$INGEST_CA_PEM" >"$dir/ca.pem"
  export INGEST_CERT="$dir/cert.pem" INGEST_KEY="$dir/private.key" INGEST_CA="$dir/ca.pem"
fi
unset INGEST_CERT_PEM INGEST_KEY_PEM INGEST_CA_PEM

exec "$@"
