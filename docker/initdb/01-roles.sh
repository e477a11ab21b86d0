#!/bin/sh
# Runs once, when the database volume is first created (docker-entrypoint-initdb.d).
# migration_user owns the schema objects (DDL); app_user reads and writes data only (DML). Default privileges
# give app_user access to every table and sequence migration_user creates later, the history table included.
set -eu
psql -v ON_ERROR_STOP=1 --username "$POSTGRES_USER" --dbname "$POSTGRES_DB" \
  --set migration_password="$MIGRATION_PASSWORD" --set app_password="$APP_PASSWORD" <<'SQL'
CREATE ROLE migration_user LOGIN PASSWORD :'migration_password';
CREATE ROLE app_user LOGIN PASSWORD :'app_password';
GRANT CONNECT, CREATE, TEMPORARY ON DATABASE app TO migration_user;
GRANT CONNECT ON DATABASE app TO app_user;
GRANT USAGE, CREATE ON SCHEMA public TO migration_user;
GRANT USAGE ON SCHEMA public TO app_user;
ALTER DEFAULT PRIVILEGES FOR ROLE migration_user IN SCHEMA public
  GRANT SELECT, INSERT, UPDATE, DELETE ON TABLES TO app_user;
ALTER DEFAULT PRIVILEGES FOR ROLE migration_user IN SCHEMA public
  GRANT USAGE, SELECT ON SEQUENCES TO app_user;
SQL
