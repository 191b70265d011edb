#!/usr/bin/env bash
# make bench: the figures the issues ask for, measured on this machine against real programs
# (OpenSSH sshd and sftp, openssl, xmllint), printed as a table and kept in bench-run/results.txt.
#   1. conversion: 1,000,000 CSV records to validated, signed triplets (records/s, peak RSS), against
#      `openssl cms -sign` + `xmllint --schema` on the same FI files; CSV reading: own parser vs CSV.swift
#   2. upload: 500 small submissions in one session, `fladaemon push` against `sftp -b`
#   3. latency: rename into incoming/ -> GO on the server, `fladaemon run`
#   4. idle: CPU, wake-ups and RSS of a daemon with nothing to do
# Sizes can be lowered for a quick look: BENCH_RECORDS, BENCH_SMALL_RECORDS, BENCH_UPLOADS, BENCH_DROPS,
# BENCH_IDLE_SECONDS. Needs no input; leaves nothing running; big files go to a temporary folder removed at the end.
set -euo pipefail
exec </dev/null

ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/.build/release"
RECORDS=${BENCH_RECORDS:-1000000}
SMALL_RECORDS=${BENCH_SMALL_RECORDS:-250000}
UPLOADS=${BENCH_UPLOADS:-500}
DROPS=${BENCH_DROPS:-50}
IDLE_SECONDS=${BENCH_IDLE_SECONDS:-60}
XSD="$ROOT/Sources/FLAFlow/Schema/fla-fi-1.xsd"

RUN="$ROOT/bench-run"
LOGS="$RUN/logs"
RESULTS="$RUN/results.txt"
rm -rf "$LOGS"; mkdir -p "$LOGS"
DATA=$(mktemp -d /tmp/fladaemon-bench.XXXXXX)
PLATFORM="$DATA/platform"

source "$ROOT/scripts/local-platform.sh"
DAEMON=""
finish() {
    stop_daemon
    local_platform_stop
    rm -rf "$DATA"
}
trap finish EXIT

for tool in openssl xmllint sftp /usr/bin/time; do
    command -v "$tool" >/dev/null || { echo "bench needs $tool (make setup installs it)" >&2; exit 1; }
done
[ -x "$BIN/fladaemon" ] && [ -x "$BIN/BenchTool" ] || { echo "build first: swift build -c release" >&2; exit 1; }

# ---------------------------------------------------------------------------------------------- helpers

now() { echo "$EPOCHREALTIME"; }
# elapsed START: seconds since START, 3 decimals.
elapsed() { awk -v a="$1" -v b="$EPOCHREALTIME" 'BEGIN { printf "%.3f", b - a }'; }
# calc EXPRESSION: awk arithmetic, printed with the given format (default %.0f).
calc() { awk "BEGIN { printf \"${2:-%.0f}\", $1 }"; }
# verdict CONDITION: "yes" or "NO" (an awk condition).
verdict() { awk "BEGIN { print ($1) ? \"yes\" : \"NO\" }"; }
peak_rss_mb() { awk -F': ' '/Maximum resident set size/ { printf "%.1f", $2 / 1024 }' "$1"; }
cpu_seconds() { awk -F': ' '/User time|System time/ { s += $2 } END { printf "%.2f", s }' "$1"; }
load() { cut -d' ' -f1-3 /proc/loadavg; }
say() { echo "$*"; }
# summary_field KEY FILE: the value of KEY on the "summary: key=value ..." line BenchTool prints.
summary_field() {
    awk -v key="$1" '/^summary:/ { for (i = 2; i <= NF; i++) { split($i, kv, "="); if (kv[1] == key) print kv[2] } }' "$2"
}
section() { echo; echo "== $*"; }
fail() { echo "bench: $*" >&2; exit 1; }

# config FILE ENVIRONMENT SPOOL JOURNAL [key=value...]: a daemon configuration for the local sshd, with
# the sample configuration's pacing unless overridden (keys as for local_platform_config).
config() {
    local file=$1 environment=$2 spool=$3 journal=$4; shift 4
    local_platform_config "$file" "$spool" "$journal" "$environment" \
        settle=2000 poll=300 idle_close=60 retry_base=5 retry_max=900 "$@" || fail "config: bad keys $*"
}

# start_daemon CONFIG LOG: `fladaemon run` in the background, returns once it says it is ready.
start_daemon() {
    "$BIN/fladaemon" run --config "$1" 2>"$2" &
    DAEMON=$!
    for _ in $(seq 1 200); do
        grep -q "ready: watching" "$2" && return 0
        kill -0 "$DAEMON" 2>/dev/null || fail "the daemon ended before it was ready: see $2"
        sleep 0.1
    done
    fail "the daemon was not ready after 20 s: see $2"
}

# stop_daemon: SIGTERM, then SIGKILL if it has not ended after 15 s.
stop_daemon() {
    [ -n "$DAEMON" ] || return 0
    kill -TERM "$DAEMON" 2>/dev/null || true
    for _ in $(seq 1 150); do kill -0 "$DAEMON" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$DAEMON" 2>/dev/null || true
    wait "$DAEMON" 2>/dev/null || true
    DAEMON=""
}

ROWS=()
# row LABEL MEASURED TARGET MET: one line of the final table.
row() { ROWS+=("$(printf '%-58s | %-42s | %-20s | %s' "$1" "$2" "$3" "$4")"); }
note() { ROWS+=("    $*"); }

section "machine: $(nproc) cores, load average $(load) (shared machine: figures move with the load)"
say "   fladaemon $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), release build; work files in $DATA, logs in $LOGS"
say "   local OpenSSH sshd on 127.0.0.1 (internal-sftp); the platform simulator is NOT running in any measurement"
local_sshd_start "$PLATFORM" "$BIN"
local_pki_make
mkdir -p "$PLATFORM/sftp/BENCH-SFTPB" "$PLATFORM/sftp/BENCH-SFTPB-FSYNC" "$PLATFORM/sftp/BENCH-PATTERN"

# ------------------------------------------------------------------------------------- 1. conversion

section "1. conversion: $RECORDS training-rights records, CSV -> validated, signed triplets (production)"
BIG="$DATA/export-$RECORDS.csv"
SMALL="$DATA/export-$SMALL_RECORDS.csv"
"$BIN/BenchTool" generate-export --records "$RECORDS" "$BIG"
"$BIN/BenchTool" generate-export --records "$SMALL_RECORDS" --first-id 90000000 "$SMALL"
say "   generated $(du -h "$BIG" | cut -f1) and $(du -h "$SMALL" | cut -f1) CSV exports"

# convert_timed NAME EXPORT RECORDS: runs `fladaemon convert` under /usr/bin/time -v; sets SECONDS_TAKEN.
convert_timed() {
    local name=$1 export=$2 records=$3 out="$DATA/$1-out"
    config "$DATA/$name.yaml" production "$DATA/$name-spool" "$DATA/$name-journal.sqlite"
    sync
    local start; start=$(now)
    /usr/bin/time -v -o "$LOGS/$name.time" "$BIN/fladaemon" convert --config "$DATA/$name.yaml" "$export" --out "$out" \
        >"$LOGS/$name.out" 2>"$LOGS/$name.err" || fail "fladaemon convert of $export failed: see $LOGS/$name.err"
    SECONDS_TAKEN=$(elapsed "$start")
    # What was converted must be all of it, in FI files each with its signature.
    local counted; counted=$(awk -F'[()]' '/^prepared submission/ { split($2, a, " "); s += a[1] } END { print s + 0 }' "$LOGS/$name.out")
    [ "$counted" = "$records" ] || fail "$name: $counted records prepared, expected $records ($LOGS/$name.out)"
    local fis fss; fis=$(find "$out" -maxdepth 1 -name 'FI.*' | wc -l); fss=$(find "$out" -maxdepth 1 -name 'FS.*' | wc -l)
    [ "$fis" -gt 0 ] && [ "$fis" = "$fss" ] || fail "$name: $fis FI files but $fss FS files in $out"
    say "   $name: $records records in $SECONDS_TAKEN s ($(calc "$records / $SECONDS_TAKEN") records/s), $fis FI files, peak RSS $(peak_rss_mb "$LOGS/$name.time") MB, CPU $(cpu_seconds "$LOGS/$name.time") s, load $(load)"
}

convert_timed convert-big "$BIG" "$RECORDS"
BIG_SECONDS=$SECONDS_TAKEN
BIG_RATE=$(calc "$RECORDS / $BIG_SECONDS")
BIG_RSS=$(peak_rss_mb "$LOGS/convert-big.time")
BIG_CPU=$(cpu_seconds "$LOGS/convert-big.time")
convert_timed convert-small "$SMALL" "$SMALL_RECORDS"
SMALL_RSS=$(peak_rss_mb "$LOGS/convert-small.time")

# Where memory grows with the input: reading and checking alone (CSV, fields, duplicate record ids).
/usr/bin/time -v -o "$LOGS/read-big.time" "$BIN/BenchTool" read-export "$BIG" >"$LOGS/read-big.out"
/usr/bin/time -v -o "$LOGS/read-small.time" "$BIN/BenchTool" read-export "$SMALL" >"$LOGS/read-small.out"
READ_BIG_RSS=$(peak_rss_mb "$LOGS/read-big.time"); READ_SMALL_RSS=$(peak_rss_mb "$LOGS/read-small.time")
say "   reading + checking alone (BenchTool read-export): peak RSS $READ_SMALL_RSS MB at $SMALL_RECORDS records, $READ_BIG_RSS MB at $RECORDS"
say "   $(cat "$LOGS/read-big.out")"

say "   the same FI files with standard tools: openssl cms -sign (one process per file), xmllint --schema (one per file)"
FI_FILES=("$DATA"/convert-big-out/FI.*)
key="$PLATFORM/pki/signing-key.pem"; cert="$PLATFORM/pki/signing-cert.pem"
start=$(now)
for fi in "${FI_FILES[@]}"; do
    openssl cms -sign -binary -md sha256 -outform DER -in "$fi" -signer "$cert" -inkey "$key" -out /dev/null \
        || fail "openssl cms -sign failed on $fi"
done
SIGN_SECONDS=$(elapsed "$start")
start=$(now)
for fi in "${FI_FILES[@]}"; do
    xmllint --noout --schema "$XSD" "$fi" 2>>"$LOGS/xmllint.err" || fail "xmllint refused $fi: see $LOGS/xmllint.err"
done
XMLLINT_SECONDS=$(elapsed "$start")
THEIR_SECONDS=$(calc "$SIGN_SECONDS + $XMLLINT_SECONDS" "%.3f")
say "   openssl cms -sign: $SIGN_SECONDS s, xmllint --schema: $XMLLINT_SECONDS s for ${#FI_FILES[@]} FI files; fladaemon convert: $BIG_SECONDS s for everything"

"$BIN/BenchTool" csv-read --engine own "$BIG" >"$LOGS/csv-own.out"
"$BIN/BenchTool" csv-read --engine csvswift "$BIG" >"$LOGS/csv-csvswift.out"
CSV_OWN=$(awk '{ print $(NF-3) }' "$LOGS/csv-own.out"); CSV_THEIRS=$(awk '{ print $(NF-3) }' "$LOGS/csv-csvswift.out")
say "   $(cat "$LOGS/csv-own.out")"
say "   $(cat "$LOGS/csv-csvswift.out")"
rm -rf "$DATA/convert-big-out" "$DATA/convert-small-out" "$BIG" "$SMALL"

row "Conversion, $RECORDS records (production: signed)" "$BIG_RATE records/s ($BIG_SECONDS s, CPU $BIG_CPU s)" ">= 200000 records/s" "$(verdict "$BIG_RATE >= 200000")"
row "  peak RSS, $RECORDS records" "$BIG_RSS MB" "< 64 MB" "$(verdict "$BIG_RSS < 64")"
row "  peak RSS, $SMALL_RECORDS records (must not grow with input)" "$SMALL_RSS MB (+$(calc "$BIG_RSS - $SMALL_RSS" "%.1f") MB at $RECORDS)" "same as above" "$(verdict "$BIG_RSS - $SMALL_RSS < 2")"
note "of which reading + checking alone (read-export: CSV, field checks, record-id repeats in memory then on disk): $READ_SMALL_RSS -> $READ_BIG_RSS MB"
row "  ours vs openssl cms -sign + xmllint --schema, ${#FI_FILES[@]} FI" "$BIG_SECONDS s vs $THEIR_SECONDS s (theirs/ours $(calc "$THEIR_SECONDS / $BIG_SECONDS" "%.2f"))" "(comparison)" "-"
note "ours = read CSV + check records + write XML + XSD-validate + sign; theirs = validate + sign of finished files only"
row "  CSV reading, own parser vs CSV.swift" "$CSV_OWN vs $CSV_THEIRS rows/s (own/theirs $(calc "$CSV_OWN / $CSV_THEIRS" "%.1f"))" "(why CSV.swift went)" "-"

# ----------------------------------------------------------------------------------------- 2. upload

section "2. upload: $UPLOADS small submissions in one SSH session (test circuit: FI + GO each)"
"$BIN/BenchTool" generate-export --records "$UPLOADS" --first-id 70000000 "$DATA/upload.csv"
# push_run WIDTH: the same export converted into a journal of its own, then `fladaemon push` with
# sftp.parallel_uploads = WIDTH into an empty INTEST; sets PUSH_SECONDS and PUSH_RATE.
push_run() {
    local width=$1 name="upload-$1"
    config "$DATA/$name.yaml" test "$DATA/$name-spool" "$DATA/$name-journal.sqlite" max_records=1 split=submissions
    local start; start=$(now)
    "$BIN/fladaemon" convert --config "$DATA/$name.yaml" "$DATA/upload.csv" --out "$DATA/$name-out" \
        >"$LOGS/$name-convert.out" 2>"$LOGS/$name-convert.err" || fail "convert for the upload bench failed: $LOGS/$name-convert.err"
    PREPARE_SECONDS=$(elapsed "$start")
    UPLOAD_FI=("$DATA/$name-out"/FI.*)
    [ "${#UPLOAD_FI[@]}" = "$UPLOADS" ] || fail "expected $UPLOADS FI files, found ${#UPLOAD_FI[@]}"
    find "$PLATFORM/sftp/INTEST" -type f -delete
    start=$(now)
    FLADAEMON_SFTP_PARALLEL_UPLOADS=$width "$BIN/fladaemon" push --config "$DATA/$name.yaml" \
        >"$LOGS/push-$width.out" 2>"$LOGS/push-$width.err" || fail "fladaemon push failed: see $LOGS/push-$width.err"
    PUSH_SECONDS=$(elapsed "$start")
    local sent gos
    sent=$(grep -c ": sent GO\." "$LOGS/push-$width.out" || true)
    gos=$(find "$PLATFORM/sftp/INTEST" -name 'GO.*' | wc -l)
    [ "$sent" = "$UPLOADS" ] && [ "$gos" = "$UPLOADS" ] || fail "push: $sent sent, $gos GO files on the server, expected $UPLOADS"
    PUSH_RATE=$(calc "$UPLOADS / $PUSH_SECONDS" "%.1f")
    say "   fladaemon push, parallel_uploads $width: $UPLOADS submissions in $PUSH_SECONDS s = $PUSH_RATE/s (prepared in $PREPARE_SECONDS s)"
}
push_run 1; PUSH1_SECONDS=$PUSH_SECONDS; PUSH1_RATE=$PUSH_RATE
push_run 8; PUSH8_SECONDS=$PUSH_SECONDS; PUSH8_RATE=$PUSH_RATE
push_run 4
say "   (each: process start, SSH session, journal, exactly-once protocol, fsync on the server; 4 is the default)"

# The same puts, renames and GO files with OpenSSH's client, one session, into other folders.
KNOWN_HOSTS="$PLATFORM/keys/known_hosts"
echo "[127.0.0.1]:$SSH_PORT $(cut -d' ' -f1,2 "$PLATFORM/keys/host_ed25519.pub")" > "$KNOWN_HOSTS"
: > "$DATA/empty"
# sftp_batch FOLDER PUT: one batch file, one sftp session; sets SECONDS_TAKEN.
sftp_batch() {
    local folder=$1 put=$2 batch="$DATA/batch-$1"
    for fi in "${UPLOAD_FI[@]}"; do
        local name; name=$(basename "$fi"); local go="GO.${name#FI.}"; go=${go%.*}
        printf '%s %s %s\n' "$put" "$fi" "$folder/tmp-$name"
        printf 'rename %s %s\n' "$folder/tmp-$name" "$folder/$name"
        printf '%s %s %s\n' "$put" "$DATA/empty" "$folder/$go"
    done > "$batch"
    local start; start=$(now)
    sftp -q -b "$batch" -i "$PLATFORM/keys/client_ed25519" -P "$SSH_PORT" -o BatchMode=yes -o IdentitiesOnly=yes \
        -o StrictHostKeyChecking=yes -o UserKnownHostsFile="$KNOWN_HOSTS" "$(id -un)@127.0.0.1" \
        >"$LOGS/sftp-$folder.out" 2>&1 || fail "sftp -b failed: see $LOGS/sftp-$folder.out"
    SECONDS_TAKEN=$(elapsed "$start")
    local count; count=$(find "$PLATFORM/sftp/$folder" -name 'GO.*' | wc -l)
    [ "$count" = "$UPLOADS" ] || fail "sftp -b left $count GO files in $folder, expected $UPLOADS"
}
sftp_batch BENCH-SFTPB put
SFTP_SECONDS=$SECONDS_TAKEN; SFTP_RATE=$(calc "$UPLOADS / $SFTP_SECONDS" "%.1f")
say "   sftp -b (put, rename, put GO): $UPLOADS in $SFTP_SECONDS s = $SFTP_RATE/s (process start and session included)"
sftp_batch BENCH-SFTPB-FSYNC "put -f"
SFTPF_SECONDS=$SECONDS_TAKEN; SFTPF_RATE=$(calc "$UPLOADS / $SFTPF_SECONDS" "%.1f")
say "   sftp -b with put -f (fsync@openssh.com, as fladaemon asks): $UPLOADS in $SFTPF_SECONDS s = $SFTPF_RATE/s"

"$BIN/BenchTool" upload-pattern --port "$SSH_PORT" --user "$(id -un)" --key "$PLATFORM/keys/client_ed25519" \
    --fingerprint "$SSH_FINGERPRINT" --directory BENCH-PATTERN --count "$UPLOADS" "${UPLOAD_FI[0]}" \
    >"$LOGS/upload-pattern.out" 2>&1 || fail "upload-pattern failed: see $LOGS/upload-pattern.out"
PATTERN_RATE=$(grep -o '= [0-9]* submissions/s' "$LOGS/upload-pattern.out" | head -1 | awk '{ print $2 }')
say "   $(cat "$LOGS/upload-pattern.out")"

row "Upload, $UPLOADS submissions, one session: fladaemon push" "$PUSH_RATE/s ($PUSH_SECONDS s), 4 at once (default)" ">= sftp -b" "$(verdict "$PUSH_RATE >= $SFTP_RATE")"
row "  the same, one at a time / 8 at once" "$PUSH1_RATE/s ($PUSH1_SECONDS s) / $PUSH8_RATE/s ($PUSH8_SECONDS s)" "(parallel_uploads)" "-"
row "  sftp -b: put, rename, put GO" "$SFTP_RATE/s ($SFTP_SECONDS s); ours/theirs $(calc "$PUSH_RATE / $SFTP_RATE" "%.2f")" "(comparison)" "-"
row "  sftp -b with put -f (server fsync, like ours)" "$SFTPF_RATE/s ($SFTPF_SECONDS s); ours/theirs $(calc "$PUSH_RATE / $SFTPF_RATE" "%.2f")" "(comparison)" "-"
row "  libssh2 transfers alone, no journal (upload-pattern)" "$PATTERN_RATE/s" "(diagnostic)" "-"

# ---------------------------------------------------------------------------------------- 3. latency

section "3. latency: rename into incoming/ -> GO in the server's IN folder ($DROPS small exports, fladaemon run)"
config "$DATA/latency.yaml" production "$DATA/latency-spool" "$DATA/latency-journal.sqlite" settle=2000
start_daemon "$DATA/latency.yaml" "$LOGS/latency-daemon.log"
say "   daemon ready (production circuit: each FI validated and signed; settle_ms 2000 applies only to files"
say "   written in place, a renamed-in file is taken at once; simulator off, so nothing answers)"
"$BIN/BenchTool" drop-latency --incoming "$DATA/latency-spool/incoming" --remote "$PLATFORM/sftp/IN" \
    --count "$DROPS" --records 5 >"$LOGS/latency.out" 2>&1 || { cat "$LOGS/latency.out"; fail "latency run failed"; }
stop_daemon
sed 's/^/   /' "$LOGS/latency.out" | grep -v '^   summary:'
P50=$(summary_field p50_ms "$LOGS/latency.out"); P99=$(summary_field p99_ms "$LOGS/latency.out")
FIRST=$(summary_field first_file_p50_ms "$LOGS/latency.out"); WARM=$(summary_field warmup_ms "$LOGS/latency.out")
row "Latency rename -> GO, $DROPS exports of 5 records" "p50 $P50 ms, p99 $P99 ms" "p50 < 100 ms" "$(verdict "$P50 < 100")"
note "simulator off; settle: none for a renamed-in file (settle_ms 2000 is for files written in place); first remote file p50 $FIRST ms;"
note "the first drop, which opens the SSH session, is left out: $WARM ms"

# ------------------------------------------------------------------------------------------- 4. idle

section "4. idle: fladaemon run with nothing to do, watched for $IDLE_SECONDS s"
config "$DATA/idle.yaml" production "$DATA/idle-spool" "$DATA/idle-journal.sqlite"
start_daemon "$DATA/idle.yaml" "$LOGS/idle-daemon.log"
sleep 2
"$BIN/BenchTool" proc-watch --pid "$DAEMON" --seconds "$IDLE_SECONDS" >"$LOGS/idle.out" 2>&1 || { cat "$LOGS/idle.out"; fail "proc-watch failed"; }
stop_daemon
grep -v '^summary:' "$LOGS/idle.out" | sed 's/^/   /'
IDLE_CPU=$(summary_field cpu_s "$LOGS/idle.out"); IDLE_RSS=$(summary_field rss_peak_mb "$LOGS/idle.out")
IDLE_SWITCHES=$(summary_field switches "$LOGS/idle.out"); IDLE_RATE=$(summary_field switches_per_s "$LOGS/idle.out")
# Timers the daemon sets while idle: housekeeping every 60 s (10 s only when systemd reads STATUS=), the
# conversion stage's safety poll (60 s), the upload stage's idle check (idle_close_seconds, 60 here) and the
# results poll (poll_seconds, 300 here). A loop waiting for work sets no other timer: the watchdog accepts
# waiting loops, and there is no watchdog outside systemd. Beyond ours, libdispatch (which runs Swift
# concurrency on Linux) wakes its manager thread once a second for its worker-pool monitor, in every process.
EXPECTED=$(calc "3 * $IDLE_SECONDS / 60 + $IDLE_SECONDS / 300" "%.0f")
RUNTIME_TICKS=$IDLE_SECONDS
say "   configured timers imply about $EXPECTED wake-ups in $IDLE_SECONDS s (housekeeping, conversion and upload checks 60 s,"
say "   results poll 300 s), plus $RUNTIME_TICKS of libdispatch's 1 Hz pool monitor; measured $IDLE_SWITCHES context switches"
IDLE_ANON=$(summary_field anonymous_mb "$LOGS/idle.out")
# The thread that switched most: first row of the per-thread table.
BUSIEST=$(awk '/per thread:/ { getline; printf "%s (%s/min)", $5, $4; exit }' "$LOGS/idle.out")
row "Idle $IDLE_SECONDS s: CPU time" "$IDLE_CPU s ($(calc "$IDLE_CPU / $IDLE_SECONDS * 100" "%.3f") % of a core)" "(reported)" "-"
row "  context switches (all threads)" "$IDLE_SWITCHES ($IDLE_RATE/s)" "~$EXPECTED ours + $RUNTIME_TICKS runtime" "$(verdict "$IDLE_SWITCHES <= $RUNTIME_TICKS + 4 * $EXPECTED")"
note "busiest thread: $BUSIEST; one of ours costs a few switches (timer thread, then a worker): up to 4 each is yes; the runtime's tick one"
note "(names are cut to 15 characters: -qos.overcommit is libdispatch's manager thread, which runs timers; oot.default-qos its workers)"
row "  peak RSS" "$IDLE_RSS MB (anonymous $IDLE_ANON MB)" "< 40 MB" "$(verdict "$IDLE_RSS < 40")"
note "the rest of the RSS is file-backed pages of the binary and the shared libraries (Foundation, swiftCore, libcrypto, ...)"

# ------------------------------------------------------------------------------------------ results

{
    echo "fladaemon benchmarks, $(date -u '+%Y-%m-%d %H:%M UTC'), commit $(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null || echo '?'), $(nproc) cores, load at the end $(load)"
    printf '%-58s | %-42s | %-20s | %s\n' "measure" "measured" "target" "met"
    printf '%.0s-' $(seq 1 132); echo
    printf '%s\n' "${ROWS[@]}"
} > "$RESULTS"
section "results (also in $RESULTS)"
cat "$RESULTS"
