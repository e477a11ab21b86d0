#!/bin/sh
# Pattern 2: run the migration and exit with its code (0 done, 2 validation, 3 migration failed,
# 7 database unreachable, 8 lock not acquired). The working directory is the image's /app.
set -eu
echo "Running migrations..."
exec java -XX:MaxRAMPercentage=75 -XX:SharedArchiveFile=sample-app.jsa -jar sample-app.jar --msr.mode=migrate "$@"
