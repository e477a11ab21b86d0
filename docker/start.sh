#!/bin/sh
# Pattern 2: start the application (verify mode: it never migrates; readiness waits for the schema).
set -eu
echo "Starting application..."
exec java -XX:MaxRAMPercentage=75 -XX:SharedArchiveFile=sample-app.jsa -jar sample-app.jar "$@"
