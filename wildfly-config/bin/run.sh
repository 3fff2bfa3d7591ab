#!/usr/bin/env bash
# Builds Parley, provisions WildFly (wildfly-config) and starts Parley on the embedded defaults: H2 file database and
# WildFly's embedded Artemis, everything under $PARLEY_HOME (default ~/.parley). Ctrl-C shuts the server down cleanly.
#
#   PARLEY_HOME=~/.parley        server state (configuration copy, deployments, logs) and data (database, recordings)
#   PARLEY_SKIP_BUILD=1          start what was built last instead of building first
#   PARLEY_PORT_OFFSET=0         added to every port (HTTP 8080, HTTPS 8443, management 9990, SIP 5060)
#   PARLEY_BIND=127.0.0.1        the address HTTP listens on
#   PARLEY_HEAP=2g               the server's heap, taken whole at start (WildFly's own default, 512m, is too small
#                                for SIP at thousands of requests a second: every transaction is kept 32 s after its
#                                answer)
#   PARLEY_JVM_OPTS=             more JVM options, added to WildFly's defaults and the heap above (setting JAVA_OPTS
#                                instead replaces all of them, the heap included)
#
# Arguments go to WildFly's standalone.sh after Parley's own, e.g. -Dparley.media.rtp.min=30000 (README, "Ports").
set -euo pipefail

root=$(cd "$(dirname "$0")/../.." && pwd)
home=${PARLEY_HOME:-$HOME/.parley}
offset=${PARLEY_PORT_OFFSET:-0}
bind=${PARLEY_BIND:-127.0.0.1}

if [ "${PARLEY_SKIP_BUILD:-0}" != 1 ]; then
    echo "Building Parley (mvn install -DskipTests) ..."
    (cd "$root" && mvn -B -q install -DskipTests)
fi

wildfly=$(ls -d "$root"/wildfly-config/target/wildfly-*/ 2>/dev/null | head -n 1)
ear=$root/ear/target/parley.ear
[ -n "$wildfly" ] && [ -f "$ear" ] || { echo "no server or EAR built yet; run without PARLEY_SKIP_BUILD" >&2; exit 1; }
wildfly=${wildfly%/}

# The server's configuration is code (wildfly-config/src/main/cli): take a fresh copy of it on every start, keep
# the data. The provisioned server itself stays untouched, so the tests can use it at the same time.
base=$home/server
mkdir -p "$base/deployments" "$home/data"
rm -rf "$base/configuration"
cp -r "$wildfly/standalone/configuration" "$base/configuration"
rm -f "$base"/deployments/parley.ear.*
cp "$ear" "$base/deployments/parley.ear"

http=$((8080 + offset))
https=$((8443 + offset))
sip=$((5060 + offset))
password_file=$home/data/initial-admin-password

# Announce the portal once Parley answers, with the first-start credentials if this is the first start.
(
    for _ in $(seq 1 180); do
        if curl -fsS -o /dev/null "http://$bind:$http/api/v1/health" 2>/dev/null; then
            echo
            echo "=================================================================="
            echo " Parley is up."
            echo "   Portal:  http://$bind:$http/portal/   (HTTPS: https://$bind:$https/portal/)"
            echo "   API:     http://$bind:$http/api/v1/   (health: /api/v1/health)"
            echo "   SIP:     $bind:$sip (UDP and TCP)"
            if [ -f "$password_file" ]; then
                echo "   Login:   admin / $(cat "$password_file")   (first start: change it; file $password_file)"
            fi
            echo "   Stop:    Ctrl-C"
            echo "=================================================================="
            exit 0
        fi
        sleep 1
    done
    echo "Parley did not answer on http://$bind:$http/api/v1/health within 3 minutes; see $base/log/server.log" >&2
) &

export JBOSS_HOME=$wildfly
# standalone.conf takes the heap from JBOSS_JAVA_SIZING and keeps its other defaults (unless JAVA_OPTS is set); it is
# also where PARLEY_JVM_OPTS joins them. The heap is taken whole and touched at start: grown from a small start, G1
# resized it under load and the kernel zeroed every page it took again (8 % of both cores in a kernel profile of the
# SIP benchmark), and pages first touched by a collection (the old generation growing under load) lengthened the
# pauses that then piled up into a backlog. Touching 2 GB costs this machine about 4 s of start-up.
# ThreadPriorityPolicy=1 passes Java thread priorities to the kernel, so that the media server's clock and receive
# threads (at the highest Java priority) go before call set-ups when the cores are busy; the kernel allows it to a
# server run as root or with CAP_SYS_NICE, and otherwise the JVM warns once at start and ignores priorities.
heap=${PARLEY_HEAP:-2g}
export JBOSS_JAVA_SIZING="-Xms$heap -Xmx$heap -XX:+AlwaysPreTouch -XX:ThreadPriorityPolicy=1${PARLEY_JVM_OPTS:+ $PARLEY_JVM_OPTS}"
exec "$wildfly/bin/standalone.sh" -c standalone-full.xml \
    -Djboss.server.base.dir="$base" \
    -Dparley.data.dir="$home/data" \
    -Djboss.bind.address="$bind" \
    -Djboss.bind.address.management=127.0.0.1 \
    -Djboss.socket.binding.port-offset="$offset" \
    -Dparley.sip.port="$sip" \
    "$@"
