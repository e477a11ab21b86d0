#!/bin/sh
# Pattern 2: start the application (verify mode: it never migrates; readiness waits for the schema).
set -eu
echo "Starting application..."
exec java -XX:MaxRAMPercentage=75 org.springframework.boot.loader.launch.JarLauncher "$@"
