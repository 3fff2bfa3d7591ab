#!/usr/bin/env bash
# Prints how long WildFly takes to deploy Parley's EAR — a figure, not a test (target: under 15 s on the 2-core
# reference machine). Starts the provisioned server on a scratch base directory, deploys the built EAR RUNS times
# (each a full deploy: migrations checked, persistence unit, EJBs, MDB, web module), undeploying in between.
#   RUNS=3                     deployments to time
#   PARLEY_PORT_OFFSET=500     port offset of the scratch server (management on 9990 + offset)
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
runs=${RUNS:-3}
offset=${PARLEY_PORT_OFFSET:-500}
wildfly=$(ls -d "$root"/wildfly-config/target/wildfly-*/ 2>/dev/null | head -n 1)
ear=$root/ear/target/parley.ear
[ -n "$wildfly" ] && [ -f "$ear" ] || { echo "build first: mvn -B install -DskipTests" >&2; exit 1; }
wildfly=${wildfly%/}
controller=127.0.0.1:$((9990 + offset))
cli() { "$wildfly/bin/jboss-cli.sh" -c --controller="$controller" "$@"; }

base=$(mktemp -d)
log_copy=${TMPDIR:-/tmp}/parley-deploy-time-server.log
trap 'cli --command=:shutdown >/dev/null 2>&1 || true; sleep 2; cp "$base/log/server.log" "$log_copy" 2>/dev/null; rm -rf "$base"' EXIT
cp -r "$wildfly/standalone/configuration" "$base/configuration"
mkdir -p "$base/deployments"
JBOSS_HOME=$wildfly "$wildfly/bin/standalone.sh" -c standalone-full.xml -Djboss.server.base.dir="$base" \
    -Djboss.socket.binding.port-offset="$offset" -Djboss.bind.address=127.0.0.1 \
    -Djboss.bind.address.management=127.0.0.1 >"$base/console.log" 2>&1 &

for _ in $(seq 1 120); do
    cli --command=':read-attribute(name=server-state)' 2>/dev/null | grep -q running && break
    sleep 1
done
cli --command=':read-attribute(name=server-state)' | grep -q running || { echo "server did not start" >&2; exit 1; }

echo "EAR: $ear ($(du -h "$ear" | cut -f1)), WildFly $(basename "$wildfly"), $(nproc) cores"
times=()
for i in $(seq 1 "$runs"); do
    start=$(date +%s%N)
    cli --command="deploy $ear --name=parley.ear" >/dev/null
    end=$(date +%s%N)
    wall=$(( (end - start) / 1000000 ))
    # Server-side: from "Starting deployment" to "Deployed" in the server log, without the CLI's own JVM start-up.
    started=$(grep 'WFLYSRV0027: Starting deployment of "parley.ear"' "$base/log/server.log" | tail -n 1 | cut -c1-23)
    deployed=$(grep 'WFLYSRV0010: Deployed "parley.ear"' "$base/log/server.log" | tail -n 1 | cut -c1-23)
    ms=$(( $(date -d "${deployed/,/.}" +%s%3N) - $(date -d "${started/,/.}" +%s%3N) ))
    times+=("$ms")
    printf 'deploy %d: %d.%03d s in the server (%d.%03d s with the CLI round trip)%s\n' "$i" $((ms / 1000)) \
        $((ms % 1000)) $((wall / 1000)) $((wall % 1000)) \
        "$([ "$i" = 1 ] && echo '  (first start: schema migrated, default tenant created)')"
    cli --command="undeploy parley.ear" >/dev/null
done
sorted=($(printf '%s\n' "${times[@]}" | sort -n))
median=${sorted[$(( ${#sorted[@]} / 2 ))]}
printf 'EAR deploy time: median %d.%03d s, min %d.%03d s, max %d.%03d s over %d deployments (target < 15 s)\n' \
    $((median / 1000)) $((median % 1000)) $((sorted[0] / 1000)) $((sorted[0] % 1000)) \
    $((sorted[-1] / 1000)) $((sorted[-1] % 1000)) "$runs"
echo "(the scratch server's log is kept at $log_copy)"
