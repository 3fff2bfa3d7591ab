#!/usr/bin/env bash
# SIP benchmark (issue 4): starts Parley with wildfly-config/bin/run.sh on a port offset and a PARLEY_HOME of its own,
# provisions agents with SIP passwords over the REST API and drives it with SIPp over loopback, printing what it
# measured:
#   1. authenticated REGISTER/s (the 401 round trip counted): every user once with its HA1 to load ("cold"), then
#      a small pool over and over ("warm") at increasing rates until failures;
#   2. call setups/s: callers INVITE through Parley with digest (407), callees answer, BYE after BENCH_SETUP_HOLD_MS;
#   3. concurrent anchored calls: BENCH_CONCURRENT calls held BENCH_HOLD_S each with RTP both ways through Parley's
#      media server, counted from the CDRs' per-leg packet figures.
# For every step: offered rate, achieved rate, successes, failures, retransmissions, response-time percentiles (from
# SIPp's -trace_rtt), the server's and SIPp's CPU (from /proc and the shell's child times) and the load average.
# A benchmark, not a test: it asserts nothing; it prints figures and keeps SIPp's files in the work directory.
#
#   slee-services/src/bench/sip-bench.sh            # everything (about 8 minutes plus the build)
#   PARLEY_SKIP_BUILD=1 BENCH_REG_RATES="200 400" BENCH_SETUP_RATES="50" BENCH_CONCURRENT=100 BENCH_HOLD_S=10 \
#       slee-services/src/bench/sip-bench.sh        # a short run while developing
#
# Why SIPp processes from a script, not a Java driver: SIPp already speaks digest, keeps per-call state, retransmits,
# streams RTP and writes response times; the script only provisions, starts and reads it. One constraint shapes
# step 2 and 3: SIPp signs every INVITE of a process with one digest uri (-auth_uri), and Parley checks that uri
# against the Request-URI (RFC 3261 section 22.4), so one caller SIPp calls one callee. The callee is one extension
# answered by one SIPp UAS (a phone with many lines, as a PBX or trunk behind an extension is); the calls are spread
# over several caller/callee pairs, each with its own callers.
#
# Settings (environment):
#   BENCH_PORT_OFFSET=700      PARLEY_PORT_OFFSET for the server (HTTP 8780, SIP 5760)
#   BENCH_RTP_MIN=30000        the server's RTP range (its own, away from other servers' default 20000-29999)
#   BENCH_RTP_MAX=34999
#   BENCH_SIPP_PORT=17000      first local SIP port of the SIPps (up to +500; echo ports from +1100; the callers'
#                              RTP from 40000): each step has ports of its own, so late answers to one never reach
#                              the next
#   BENCH_AGENTS=1000          agents that register and call (extensions 200000 ...)
#   BENCH_REG_RATES="100 200 400 700 1000 1500 2000 2500 3000"   REGISTER/s offered, one step each
#   BENCH_REG_SECONDS=5        length of a warm REGISTER step: rate x seconds registrations
#   BENCH_COLD_RATE=100        REGISTER/s offered while every user registers once (HA1 not in Parley's memory)
#   BENCH_WARM_USERS=200       users the warm REGISTER steps cycle through (each back within seconds, HA1 cached)
#   BENCH_SETUP_RATES="25 50 100 200 300 400 500 600"    call setups/s offered
#   BENCH_SETUP_SECONDS=5      length of a call-setup step
#   BENCH_SETUP_WARMUP_RATES="25 50 100"   call setups/s of the warm-up steps before step 2 (printed, not judged;
#                              "" for none)
#   BENCH_SETUP_WARMUP_SECONDS=15          length of a warm-up step
#   BENCH_SETUP_HOLD_MS=1000   how long a call of step 2 stays up before the caller's BYE
#   BENCH_PAIRS=4              caller/callee SIPp pairs in step 2
#   BENCH_CONCURRENT=1000      calls of step 3
#   BENCH_CONCURRENT_PAIRS=20  caller/callee SIPp pairs in step 3 (each callee echoes the RTP of its calls)
#   BENCH_RAMP_RATE=100        calls/s while step 3 ramps up
#   BENCH_HOLD_S=30            how long each call of step 3 stays up
#   BENCH_FAIL_RATIO=0.01      a step with more failures than this share (or achieving < 90 % of its offer) ends the
#                              escalation of steps 1 and 2
#   BENCH_STEPS="1 2 3"        which steps to run
#   BENCH_JFR=0                1: record the server with JDK Flight Recorder during the load (file in the work dir)
#   BENCH_DIR=$(mktemp -d)     work directory (server home, SIPp files); kept at the end
#   PARLEY_SKIP_BUILD=1        passed to run.sh: start what was built last
#
# Traffic goes to 127.0.0.1 only. Every SIPp run has a fixed number of calls and a time limit; the server and every
# SIPp started here are stopped by their process id when the script ends, however it ends.
set -euo pipefail

root=$(cd "$(dirname "$0")/../../.." && pwd)
bench=$root/slee-services/src/bench
offset=${BENCH_PORT_OFFSET:-700}
rtp_min=${BENCH_RTP_MIN:-30000}
rtp_max=${BENCH_RTP_MAX:-34999}
sipp_port=${BENCH_SIPP_PORT:-17000}
agents=${BENCH_AGENTS:-1000}
reg_rates=${BENCH_REG_RATES:-100 200 400 700 1000 1500 2000 2500 3000}
reg_seconds=${BENCH_REG_SECONDS:-5}
cold_rate=${BENCH_COLD_RATE:-100}
warm_users=${BENCH_WARM_USERS:-200}
setup_rates=${BENCH_SETUP_RATES:-25 50 100 200 300 400 500 600}
setup_seconds=${BENCH_SETUP_SECONDS:-5}
setup_warmup_rates=${BENCH_SETUP_WARMUP_RATES-25 50 100}
setup_warmup_seconds=${BENCH_SETUP_WARMUP_SECONDS:-15}
setup_hold_ms=${BENCH_SETUP_HOLD_MS:-1000}
pairs=${BENCH_PAIRS:-4}
concurrent=${BENCH_CONCURRENT:-1000}
concurrent_pairs=${BENCH_CONCURRENT_PAIRS:-20}
ramp_rate=${BENCH_RAMP_RATE:-100}
hold_s=${BENCH_HOLD_S:-30}
fail_ratio=${BENCH_FAIL_RATIO:-0.01}
jfr=${BENCH_JFR:-0}
steps=" ${BENCH_STEPS:-1 2 3} "
work=${BENCH_DIR:-$(mktemp -d /tmp/sip-bench.XXXXXX)}
# SIPp's own socket buffers (its default is 64 KB): its drops would be counted against the server.
sipp_buffers="-buff_size 4194304"
mkdir -p "$work"

http=http://127.0.0.1:$((8080 + offset))
sip=127.0.0.1:$((5060 + offset))
domain=127.0.0.1            # the default tenant's SIP domain (FirstStart: parley.default-tenant.sip-domain)
first_extension=200000
callee_base=300000

for tool in sipp curl jq sox awk; do
    command -v "$tool" >/dev/null || { echo "sip-bench: $tool is required" >&2; exit 1; }
done

log() { printf '%s %s\n' "$(date +%T)" "$*" >&2; }

# ---------------------------------------------------------------------------------------------------------- cleanup
run_pid=
server_pid=
sipp_pids=()

stop_sipp() {
    local pid
    for pid in "${sipp_pids[@]}"; do
        kill "$pid" 2>/dev/null || true
    done
    for pid in "${sipp_pids[@]}"; do
        wait "$pid" 2>/dev/null || true
    done
    sipp_pids=()
}

cleanup() {
    set +e
    stop_sipp
    if [ -n "$server_pid" ] && kill -0 "$server_pid" 2>/dev/null; then
        log "stopping Parley (pid $server_pid)"
        kill -TERM "$server_pid"
        for _ in $(seq 1 60); do
            kill -0 "$server_pid" 2>/dev/null || break
            sleep 0.5
        done
        kill -0 "$server_pid" 2>/dev/null && kill -KILL "$server_pid"
    fi
    if [ -n "$run_pid" ]; then
        # run.sh was started in a session of its own: its process group holds only what it started.
        kill -TERM -- "-$run_pid" 2>/dev/null
        wait "$run_pid" 2>/dev/null
    fi
    log "work directory kept: $work"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

# ------------------------------------------------------------------------------------------------- start the server
# GC pauses stop the media clock as well as signalling: every step prints its longest and its summed pauses.
export PARLEY_JVM_OPTS="${PARLEY_JVM_OPTS:+$PARLEY_JVM_OPTS }-Xlog:gc:file=$work/gc.log:timemillis"
if [ "$jfr" = 1 ]; then
    # Stacks deep enough to reach Parley's frames under the container's, on top of run.sh's heap and WildFly's defaults
    # (a JAVA_OPTS of our own would replace both: runs before 2026-12-03 recorded a 512 MB heap).
    export PARLEY_JVM_OPTS="${PARLEY_JVM_OPTS:+$PARLEY_JVM_OPTS }-XX:FlightRecorderOptions:stackdepth=512"
fi
log "starting Parley: PARLEY_HOME=$work/home PARLEY_PORT_OFFSET=$offset (HTTP $http, SIP $sip, RTP $rtp_min-$rtp_max)"
PARLEY_HOME=$work/home PARLEY_PORT_OFFSET=$offset setsid "$root/wildfly-config/bin/run.sh" \
    -Dparley.media.rtp.min="$rtp_min" -Dparley.media.rtp.max="$rtp_max" >"$work/server.out" 2>&1 &
run_pid=$!
deadline=$((SECONDS + 900))     # a build comes first unless PARLEY_SKIP_BUILD=1
until curl -fsS -o /dev/null "$http/api/v1/health" 2>/dev/null; do
    kill -0 "$run_pid" 2>/dev/null || { echo "run.sh ended; see $work/server.out" >&2; tail -20 "$work/server.out" >&2; exit 1; }
    [ "$SECONDS" -lt "$deadline" ] || { echo "Parley did not answer within 15 minutes" >&2; exit 1; }
    sleep 2
done
server_pid=$(pgrep -P "$run_pid" java | head -n 1)
[ -n "$server_pid" ] || { echo "cannot find the server's JVM under run.sh ($run_pid)" >&2; exit 1; }
log "Parley is up: JVM pid $server_pid, $(curl -fsS "$http/api/v1/health" | jq -r '.parts.sip.detail')"

# ------------------------------------------------------------------ an API key: the portal's own login and key form
password_file=$work/home/data/initial-admin-password
for _ in $(seq 1 30); do [ -s "$password_file" ] && break; sleep 1; done
jar=$work/portal.cookies
curl -fsS -c "$jar" -b "$jar" -o /dev/null "$http/portal/api-keys.xhtml"
curl -fsS -c "$jar" -b "$jar" -o /dev/null --data-urlencode j_username=admin \
    --data-urlencode "j_password=$(head -n 1 "$password_file")" "$http/j_security_check"
form=$(curl -fsS -c "$jar" -b "$jar" "$http/portal/api-keys.xhtml")
view_state=$(grep -o 'name="jakarta.faces.ViewState"[^>]*value="[^"]*"' <<<"$form" | head -n 1 | sed 's/.*value="//;s/"$//')
[ -n "$view_state" ] || { echo "the portal's API key form did not load after login" >&2; exit 1; }
issued=$(curl -fsS -c "$jar" -b "$jar" "$http/portal/api-keys.xhtml" --data-urlencode issue=issue \
    --data-urlencode "issue:name=sip-bench $(date +%FT%T)" --data-urlencode issue:role=ADMIN \
    --data-urlencode issue:agentId= --data-urlencode "issue:create=Create key" \
    --data-urlencode "jakarta.faces.ViewState=$view_state")
api_key=$(grep -o 'id="secret"[^>]*>pk_[^<]*' <<<"$issued" | sed 's/.*>//')
[ -n "$api_key" ] || { echo "the portal issued no API key" >&2; exit 1; }
rm -f "$jar"
api() { curl -fsS -H "Authorization: Bearer $api_key" "$@"; }
log "issued an ADMIN API key through the portal (admin login)"

# ------------------------------------------------------------------------------------------------ provision agents
max_pairs=$(( pairs > concurrent_pairs ? pairs : concurrent_pairs ))
password() { echo "bench-$1-$(sha256sum <<<"$api_key$1" | cut -c1-12)"; }
# Four at a time. A creation that fails (seen: 500 from a primary-key collision on event_log.seq under concurrent
# appends on H2) rolled back, so it is tried again, up to three times; the retries are counted and reported.
provision() {
    local ext=$1 attempt status
    for attempt in 1 2 3; do
        status=$(curl -sS -o /dev/null -w '%{http_code}' -H "Authorization: Bearer $api_key" \
            -H 'Content-Type: application/json' -d "{\"extension\":\"$ext\",\"displayName\":\"Bench $ext\",\
\"sipPassword\":\"$(password "$ext")\"}" "$http/api/v1/agents")
        [ "$status" = 201 ] && return 0
        echo "agent $ext: attempt $attempt answered $status" >>"$retries"
    done
    echo "agent $ext: not created" >&2
}
export -f provision password api
retries=$work/provision.retries; : >"$retries"
export api_key http retries
started=$SECONDS
{ seq "$first_extension" $((first_extension + agents - 1)); seq "$callee_base" $((callee_base + max_pairs - 1)); } \
    | xargs -P 4 -I{} bash -c 'provision {}' 2>"$work/provision.err"
[ ! -s "$work/provision.err" ] || { cat "$work/provision.err" >&2; exit 1; }
log "provisioned $((agents + max_pairs)) agents with SIP passwords over REST in $((SECONDS - started)) s;" \
    "$(wc -l <"$retries") creation(s) failed and were retried ($retries)"

user_line() { echo "$1;[authentication username=$1 password=$(password "$1")];$domain;${2:-}"; }
{ echo SEQUENTIAL; for ((i = 0; i < agents; i++)); do user_line $((first_extension + i)); done; } >"$work/users.csv"
head -n $((warm_users + 1)) "$work/users.csv" >"$work/warm-users.csv"

# ------------------------------------------------------------------------------------------------------ measurement
clock_ticks=$(getconf CLK_TCK)
server_ticks() { awk '{ print $14 + $15 }' "/proc/$server_pid/stat"; }
# The server's CPU in the kernel (system time): sockets, wake-ups, timers. A flight recording samples threads running
# Java code only, so this column is where the cost of system calls shows.
server_sys_ticks() { awk '{ print $15 }' "/proc/$server_pid/stat"; }
# CPU of the server's JIT compiler threads: WildFly's call path is tens of thousands of methods, and on 2 cores the
# JIT compiles for minutes after start-up; this column shows how much of a step's server CPU went to it.
jit_ticks() {
    local t sum=0 comm
    for t in /proc/"$server_pid"/task/*; do
        read -r comm <"$t/comm" 2>/dev/null || continue
        case $comm in C1\ Compil*|C2\ Compil*) sum=$((sum + $(awk '{ print $14 + $15 }' "$t/stat" 2>/dev/null || echo 0))) ;; esac
    done
    echo "$sum"
}
# CPU of the SIPps (and the odd curl) this shell has waited for, in 1/100 s: `times` must run in this shell, not in a
# command substitution's subshell, so it writes to a file.
children_ticks() {
    times >"$work/.times"
    tail -n 1 "$work/.times" | awk '{ split($1, u, /[ms]/); split($2, s, /[ms]/); printf "%d", (u[1] * 60 + u[2] + s[1] * 60 + s[2]) * 100 }'
}
now_ms() { date +%s%3N; }
# The counters a step's row is the difference of, read as the step starts: st0, ct0 and t0 for row's arguments, the
# others in the work directory.
mark_step_start() {
    st0=$(server_ticks)
    children_ticks >"$work/.ct0"
    ct0=$(cat "$work/.ct0")
    sip_drops >"$work/.drops0"
    jit_ticks >"$work/.jit0"
    server_sys_ticks >"$work/.sys0"
    t0=$(now_ms)
}
load1() { cut -d' ' -f1 /proc/loadavg; }

# Sums SipP's final statistics over the given -stf files: successful failed retransmissions.
sipp_counts() {
    local f s=0 fl=0 r=0 line
    for f in "$@"; do
        [ -s "$f" ] || continue
        line=$(tail -n 1 "$f")
        s=$((s + $(cut -d';' -f16 <<<"$line")))
        fl=$((fl + $(cut -d';' -f18 <<<"$line")))
        r=$((r + $(cut -d';' -f58 <<<"$line")))
    done
    echo "$s $fl $r"
}

# Reads -trace_rtt files (Date_ms;response_time_ms;rtd_no; Date_ms counted from each SIPp's start, which the caller
# gives as an offset in ms): "count achieved/s p50 p90 p99 max". Achieved rate = completions per second between the
# first and the last completion: at a sustained rate the completions keep the offered spacing; when the server falls
# behind they spread out.
rtt_figures() {
    local starts=$1; shift
    paste -d' ' <(tr ' ' '\n' <<<"$starts") <(printf '%s\n' "$@") | while read -r start file; do
        [ -s "$file" ] && awk -F';' -v o="$start" 'NR > 1 && $2 != "" { printf "%.3f %d\n", o + $1, $2 }' "$file"
    done | sort -k2,2n | awk '
        { r[NR] = $2; if (NR == 1 || $1 < first) first = $1; if (NR == 1 || $1 > last) last = $1 }
        END {
            n = NR
            if (n == 0) { print "0 0 - - - -"; exit }
            span = (last - first) / 1000
            rate = span > 0 ? (n - 1) / span : 0
            printf "%d %.0f %d %d %d %d\n", n, rate, r[int(n * 0.5) + (n * 0.5 > int(n * 0.5))], \
                r[int(n * 0.9) + (n * 0.9 > int(n * 0.9))], r[int(n * 0.99) + (n * 0.99 > int(n * 0.99))], r[n]
        }'
}

header() {
    printf '\n%s\n' "$1"
    printf '%-8s %9s %9s %9s %7s %8s %7s %7s %7s %7s %10s %8s %8s %9s %6s %9s %9s %8s\n' step offered/s achieved/s ok failed \
        retrans p50ms p90ms p99ms maxms server-cpu "of it jit" "of it sys" sipp-cpu load1 sip-drops gc-max-ms gc-ms
}

# row LABEL OFFERED START_MS END_MS SERVER_TICKS0 SIPP_TICKS0 "STARTS" STAT_FILES... -- RTT_FILES...
row() {
    local label=$1 offered=$2 t0=$3 t1=$4 st0=$5 ct0=$6 starts=$7; shift 7
    local stats=() rtts=()
    while [ "$1" != -- ]; do stats+=("$1"); shift; done
    shift
    rtts=("$@")
    read -r ok failed retrans <<<"$(sipp_counts "${stats[@]}")"
    read -r n achieved p50 p90 p99 max <<<"$(rtt_figures "$starts" "${rtts[@]}")"
    local wall=$(( t1 - t0 ))
    local server_cpu sipp_cpu
    server_cpu=$(awk -v d=$(( $(server_ticks) - st0 )) -v w="$wall" -v hz="$clock_ticks" 'BEGIN { printf "%.0f %%", 100 * d / hz / (w / 1000) }')
    children_ticks >"$work/.ct1"
    sipp_cpu=$(awk -v d=$(( $(cat "$work/.ct1") - ct0 )) -v w="$wall" 'BEGIN { printf "%.0f %%", d / (w / 1000) }')
    local drops=$(( $(sip_drops) - $(cat "$work/.drops0") ))
    local jit_cpu
    jit_cpu=$(awk -v d=$(( $(jit_ticks) - $(cat "$work/.jit0") )) -v w="$wall" -v hz="$clock_ticks" 'BEGIN { printf "%.0f %%", 100 * d / hz / (w / 1000) }')
    local sys_cpu
    sys_cpu=$(awk -v d=$(( $(server_sys_ticks) - $(cat "$work/.sys0") )) -v w="$wall" -v hz="$clock_ticks" 'BEGIN { printf "%.0f %%", 100 * d / hz / (w / 1000) }')
    local gc_max gc_sum
    read -r gc_max gc_sum <<<"$(gc_pauses "$t0" "$t1")"
    printf '%-8s %9s %9s %9s %7s %8s %7s %7s %7s %7s %10s %8s %8s %9s %6s %9s %9s %8s\n' "$label" "$offered" "$achieved" \
        "$ok" "$failed" "$retrans" "$p50" "$p90" "$p99" "$max" "$server_cpu" "$jit_cpu" "$sys_cpu" "$sipp_cpu" "$(load1)" "$drops" \
        "$gc_max" "$gc_sum"
    echo "$label $offered $achieved $ok $failed" >"$work/last-row"
}

# The longest and the summed stop-the-world GC pauses (ms) between two instants (epoch ms), from the server's GC log
# (G1 logs its pauses there; ZGC's are not "Pause" lines, and print as 0).
gc_pauses() {
    awk -v a="$1" -v b="$2" '/Pause/ { t = substr($1, 2) + 0; if (t >= a && t <= b) { p = $NF + 0; s += p; if (p > m) m = p } }
        END { printf "%.0f %.0f\n", m, s }' "$work/gc.log" 2>/dev/null || echo "- -"
}

# Whether the last row ends an escalation: failures above the ratio, or less than 90 % of the offered rate achieved.
saturated() {
    read -r _ offered achieved ok failed <"$work/last-row"
    awk -v o="$offered" -v a="$achieved" -v ok="$ok" -v f="$failed" -v r="$fail_ratio" \
        'BEGIN { exit !((ok + f > 0 && f / (ok + f) > r) || a < 0.9 * o) }'
}

# Waits (at most a minute) until the server is quiet: under 20 % of a core over two seconds. A step that overloaded
# it leaves work queued (and SIPp retransmissions answered late), which must not count in the next step.
drain() {
    local before after
    for _ in $(seq 1 30); do
        before=$(server_ticks); sleep 2; after=$(server_ticks)
        [ $(( (after - before) * 100 / clock_ticks / 2 )) -lt 20 ] && return 0
    done
    log "the server is still busy after a minute; going on"
}

# Datagrams the kernel dropped on the server's SIP socket (its receive buffer full), from /proc/net/udp.
sip_drops() {
    awk -v port="$(printf '%04X' $((5060 + offset)))" 'NR > 1 && $2 ~ (":" port "$") { d += $NF } END { print d + 0 }' \
        /proc/net/udp
}

jfr_start() {
    [ "$jfr" = 1 ] || return 0
    jcmd "$server_pid" JFR.start name=sipbench settings=profile filename="$work/server-$1.jfr" >/dev/null
}
jfr_stop() {
    [ "$jfr" = 1 ] || return 0
    jcmd "$server_pid" JFR.stop name=sipbench >/dev/null && log "flight recording: $work/server-$1.jfr"
}

echo "SIP benchmark against Parley on $sip; $(nproc) cores; load average at start $(cut -d' ' -f1-3 /proc/loadavg)"
echo "work directory $work; server JVM pid $server_pid"
echo "server-cpu: the server's JVM as a share of one core; of it jit: its JIT compiler threads; of it sys: in the kernel"
echo "(system calls, wake-ups; a flight recording does not see it); sipp-cpu: every SIPp of"
echo "the step together; sip-drops: datagrams"
echo "the kernel dropped on the server's SIP socket (receive buffer full) during the step; gc-max-ms, gc-ms: the"
echo "server's longest and summed GC pauses during the step ($work/gc.log)"

# ------------------------------------------------------------------------------------------- step 1: REGISTER rate
if [[ $steps == *" 1 "* ]]; then
# One REGISTER step: register_step LABEL RATE COUNT USERS_CSV
register_step() {
    local label=$1 rate=$2 count=$3 users=$4 dir=$work/$1-$2
    mkdir -p "$dir"
    drain
    mark_step_start
    (cd "$dir" && timeout $((count / rate * 4 + 40)) sipp $sipp_buffers "$sip" -sf "$bench/register.xml" -inf "$users" \
        -i 127.0.0.1 -p "$sipp_port" -r "$rate" -m "$count" -l $((rate * 4)) -timeout $((count / rate * 4 + 30))s \
        -timeout_error -recv_timeout 10s -nostdin -trace_stat -stf stat.csv -fd 1 -trace_rtt -rtt_freq 1 \
        -trace_err >sipp.out 2>&1) || true
    t1=$(now_ms)
    row "$label" "$rate" "$t0" "$t1" "$st0" "$ct0" 0 "$dir/stat.csv" -- "$dir"/register_*_rtt.csv
}

# Parley keeps a user's HA1 in memory for up to 5 minutes and loads it off the event threads when it is not there (on
# two lookup threads, a database transaction each). A phone refreshes every few minutes to an hour, so in service
# most REGISTERs are misses ("cold"); "warm" steps reuse a small pool of users, so all but their first REGISTER hit.
header "1. REGISTER with digest (REGISTER, 401, REGISTER with credentials, 200); response time = first REGISTER to 200"
jfr_start register
register_step cold "$cold_rate" "$agents" "$work/users.csv"
echo "(cold: each of the $agents users once, none registered before: every one loads its HA1)"
for rate in $reg_rates; do
    register_step warm "$rate" $((rate * reg_seconds)) "$work/warm-users.csv"
    saturated && { echo "(stopped escalating: failures or under 90 % of the offered rate)"; break; }
done
echo "(warm: $warm_users users over and over, ${reg_seconds} s per step)"
jfr_stop register
fi

# ------------------------------------------------------------------------------------------ callee phones (UAS)
# A callee registers from the port its SIPp UAS then answers on (Parley calls a phone where its REGISTER came from).
start_callees() {
    local n=$1 echo_flag=$2 base=$4 i port
    stop_sipp
    for ((i = 0; i < n; i++)); do
        port=$((base + i))
        local dir=$work/$3/callee-$i; mkdir -p "$dir"
        { echo SEQUENTIAL; user_line $((callee_base + i)); } >"$dir/callee.csv"
        (cd "$dir" && timeout 30 sipp $sipp_buffers "$sip" -sf "$bench/register.xml" -inf callee.csv -i 127.0.0.1 -p "$port" -m 1 \
            -timeout 20s -timeout_error -nostdin >register.out 2>&1) \
            || { echo "callee $((callee_base + i)) did not register (see $dir)" >&2; exit 1; }
        (cd "$dir" && exec timeout $((hold_s * 4 + 600)) sipp $sipp_buffers -sf "$bench/callee.xml" -i 127.0.0.1 -p "$port" \
            -mp $((base + 1000 + 4 * i)) $echo_flag -m 1000000 -nostdin -trace_err >sipp.out 2>&1) &
        sipp_pids+=($!)
    done
    sleep 1
}

# Starts caller SIPps, one per callee, sharing the offered rate and the calls, and waits for them.
# run_callers STEPDIR SCENARIO RATE CALLS PAIRS HOLD_MS LIMIT_S PORTBASE
run_callers() {
    local dir=$1 scenario=$2 rate=$3 calls=$4 n=$5 hold=$6 limit=$7 base=$8 i pids=()
    local per_rate per_calls lines_per
    per_rate=$(awk -v r="$rate" -v n="$n" 'BEGIN { printf "%.3f", r / n }')
    per_calls=$(( (calls + n - 1) / n ))
    lines_per=$(( agents / n ))
    # Every caller's file is written before the first SIPp starts, from users.csv (no process per user): written
    # while the first callers were already calling, they took a third of the 2 cores for the step's first seconds.
    for ((i = 0; i < n; i++)); do
        local d=$dir/caller-$i; mkdir -p "$d"
        awk -v from=$((i * lines_per + 2)) -v to=$(((i + 1) * lines_per + 1)) -v callee=$((callee_base + i)) \
            'NR == 1 { print } NR >= from && NR <= to { print $0 callee ";" }' "$work/users.csv" >"$d/callers.csv"
        cp "$work/tone.pcmu" "$d/"
    done
    # A caller ignores a response its scenario does not expect where it is, instead of aborting the call (SIPp's
    # default "abortunexp"). Under load a caller retransmits its first INVITE, Parley's stack answers the copy with the
    # transaction's last provisional response (RFC 3261 section 17.2.1), and that 100 Trying can arrive just after the
    # 407: a phone's transaction layer discards it (section 17.1.1.2), but SIPp's scenario has moved on and aborted the
    # call, which then counted as failed although Parley had done nothing wrong (every failure at 450 and 500/s on
    # 2026-12-04, RESULTS.md). A real failure still counts: the response the scenario waits for never comes and
    # -recv_timeout ends the call as failed.
    for ((i = 0; i < n; i++)); do
        local d=$dir/caller-$i
        (cd "$d" && exec timeout "$limit" sipp $sipp_buffers "$sip" -sf "$bench/$scenario" -inf callers.csv \
            -default_behaviors all,-abortunexp \
            -auth_uri "$((callee_base + i))@$domain" -i 127.0.0.1 -p $((base + i)) \
            -mp $((40000 + i * 400)) -r "$per_rate" -m "$per_calls" -d "$hold" \
            -timeout $((limit - 5))s -timeout_error -recv_timeout 20s -nostdin -trace_stat -stf stat.csv -fd 1 \
            -trace_rtt -rtt_freq 1 -trace_err >sipp.out 2>&1) &
        pids+=($!)
    done
    for i in "${pids[@]}"; do wait "$i" || true; done
}
sox -n -r 8000 -c 1 -e u-law -t raw "$work/tone.pcmu" synth 10 sine 1000

# ---------------------------------------------------------------------------------------- step 2: call setups/s
if [[ $steps == *" 2 "* ]]; then
header "2. call setups (INVITE, 407, ACK, INVITE with credentials, 180, 200, ACK; BYE after ${setup_hold_ms} ms), $pairs caller/callee pairs, ${setup_seconds} s per step; response time = first INVITE to 200 OK"
# setup_step LABEL RATE SECONDS: one step of call setups at RATE for SECONDS, printed as a row. Each step has a
# directory of its own, numbered: SIPp names its response-time files by process id, so two steps at one rate sharing a
# directory would each read the other's (every run before 2026-12-05 that repeated a rate did: see RESULTS.md).
setup_steps=0
setup_step() {
    local label=$1 rate=$2 seconds=$3
    setup_steps=$((setup_steps + 1))
    local calls=$((rate * seconds)) dir=$work/$(printf '%02d' "$setup_steps")-$1-$2
    mkdir -p "$dir"
    drain
    start_callees "$pairs" "" "${dir#"$work"/}" $((sipp_port + 100))
    mark_step_start
    run_callers "$dir" call.xml "$rate" "$calls" "$pairs" "$setup_hold_ms" $((seconds * 4 + 60)) \
        $((sipp_port + 200))
    t1=$(now_ms)
    stop_sipp
    starts=$(for ((i = 0; i < pairs; i++)); do printf '0 '; done)
    row "$label" "$rate" "$t0" "$t1" "$st0" "$ct0" "$starts" "$dir"/caller-*/stat.csv -- "$dir"/caller-*/*_rtt.csv
}
# A server fresh from start-up runs the call path interpreted and has no caller's HA1 in memory: its first seconds
# of calls cost several times what they cost later, and at 100/s the backlog that builds then takes 15 s to clear.
# The warm-up steps (printed, not judged) let the JIT compile the call path and load the callers first, as in a
# server that has been taking calls.
for rate in $setup_warmup_rates; do
    setup_step warm-up "$rate" "$setup_warmup_seconds"
done
jfr_start setup
for rate in $setup_rates; do
    setup_step setup "$rate" "$setup_seconds"
    saturated && { echo "(stopped escalating: failures or under 90 % of the offered rate)"; break; }
done
jfr_stop setup
fi

# ------------------------------------------------------------------------------ step 3: concurrent anchored calls
if [[ $steps == *" 3 "* ]]; then
echo
echo "3. $concurrent concurrent anchored calls: ramp at $ramp_rate calls/s, each held ${hold_s} s with PCMU RTP from the"
echo "   caller, echoed by the callee, both through Parley's media server; $concurrent_pairs caller/callee pairs"
dir=$work/concurrent; mkdir -p "$dir"
drain
start_callees "$concurrent_pairs" -rtp_echo concurrent $((sipp_port + 300))
step_start=$(date -u +%FT%T.%3NZ)
jfr_start concurrent
mark_step_start
run_callers "$dir" call-media.xml "$ramp_rate" "$concurrent" "$concurrent_pairs" $((hold_s * 1000)) \
    $((concurrent / ramp_rate + hold_s + 120)) $((sipp_port + 400)) &
callers=$!
peak_connected=0; worst_budget=0; worst_lateness=0; samples=$dir/samples.txt
printf '%-8s %10s %-90s %10s %6s\n' time connected "media health" server-cpu load1 >"$samples"
prev_ticks=$(server_ticks); prev_ms=$(now_ms)
while kill -0 "$callers" 2>/dev/null; do
    sleep 3
    connected=$(api --max-time 5 "$http/api/v1/calls/active" 2>/dev/null | jq '[.[] | select(.state == "CONNECTED")] | length' || echo '?')
    media=$(curl -sS --max-time 5 "$http/api/v1/health" 2>/dev/null | jq -r '.parts.media.detail' || echo '?')
    ticks=$(server_ticks); ms=$(now_ms)
    cpu=$(awk -v d=$((ticks - prev_ticks)) -v w=$((ms - prev_ms)) -v hz="$clock_ticks" 'BEGIN { printf "%.0f %%", 100 * d / hz / (w / 1000) }')
    prev_ticks=$ticks; prev_ms=$ms
    printf '%-8s %10s %-90s %10s %6s\n' "$(date +%T)" "$connected" "$media" "$cpu" "$(load1)" >>"$samples"
    [[ $connected =~ ^[0-9]+$ ]] && [ "$connected" -gt "$peak_connected" ] && peak_connected=$connected
    budget=$(grep -o '[0-9]* % of the tick' <<<"$media" | grep -o '^[0-9]*' || echo 0)
    lateness=$(grep -o 'lateness [0-9]*' <<<"$media" | grep -o '[0-9]*$' || echo 0)
    [ "${budget:-0}" -gt "$worst_budget" ] && worst_budget=$budget
    [ "${lateness:-0}" -gt "$worst_lateness" ] && worst_lateness=$lateness
done
wait "$callers" || true
t1=$(now_ms)
jfr_stop concurrent
stop_sipp
cat "$samples"
header "   signalling of step 3 (offered = ramp rate; response time = first INVITE to 200 OK)"
starts=$(for ((i = 0; i < concurrent_pairs; i++)); do printf '0 '; done)
row calls "$ramp_rate" "$t0" "$t1" "$st0" "$ct0" "$starts" "$dir"/caller-*/stat.csv -- "$dir"/caller-*/*_rtt.csv

# The CDRs say what Parley's media server counted per leg: a call carried media both ways if Parley received the
# caller's RTP and the callee's echo and sent each on.
# CDRs are projected from the event log by an MDB, behind the calls: wait until two reads a few seconds apart agree.
previous=-1
for _ in $(seq 1 20); do
    sleep 5
    api "$http/api/v1/cdrs?from=$step_start&limit=1000" >"$dir/cdrs.json" || echo '[]' >"$dir/cdrs.json"  # largest page
    ended=$(jq '[.[] | select(.endedAt != null)] | length' "$dir/cdrs.json")
    [ "$ended" = "$previous" ] && break
    previous=$ended
done
expected=$(( hold_s * 50 / 2 ))     # half of the packets a call of hold_s seconds carries at 20 ms
jq -r --argjson min "$expected" '
    [.[] | select(.disposition == "ANSWERED")] as $a |
    ($a | map(select(.callerLeg.packetsReceived >= $min and .calleeLeg.packetsSent >= $min
        and .calleeLeg.packetsReceived >= $min and .callerLeg.packetsSent >= $min))) as $m |
    "   CDRs: \(length)\(if length == 1000 then " (the largest page the API gives)" else "" end) calls, " +
    "\($a | length) answered, \($m | length) with RTP both ways through Parley " +
    "(>= \($min) packets on every leg and direction); packets received by Parley " +
    "\([$a[] | .callerLeg.packetsReceived + .calleeLeg.packetsReceived] | add // 0), lost " +
    "\([$a[] | .callerLeg.packetsLost + .calleeLeg.packetsLost] | add // 0), " +
    "worst MOS \([$a[] | .callerLeg.mos, .calleeLeg.mos | select(. != null)] | min // "-")"' "$dir/cdrs.json"
echo "   peak connected calls seen: $peak_connected of $concurrent; worst media tick use $worst_budget %," \
    "worst p99 tick lateness $worst_lateness ms"
fi
echo
echo "load average at the end $(cut -d' ' -f1-3 /proc/loadavg); server log $work/home/server/log/server.log"
