#!/usr/bin/env bash
# make demo: the daemon against a local sshd and the platform simulator, on the sample exports.
# Prints how each export ended, read back from the journal; leaves nothing running.
set -euo pipefail
ROOT=$(cd "$(dirname "$0")/.." && pwd)
BIN="$ROOT/.build/release"
DEMO=$(mktemp -d /tmp/fladaemon-demo.XXXXXX)
source "$ROOT/scripts/local-platform.sh"
DAEMON=""
finish() {
    [ -n "$DAEMON" ] && kill "$DAEMON" 2>/dev/null && wait "$DAEMON" 2>/dev/null
    local_platform_stop
}
trap finish EXIT

echo "== local platform: sshd on 127.0.0.1, platform simulator, test CA (in $DEMO)"
local_platform_start "$DEMO" "$BIN"
CONFIG="$DEMO/fladaemon.yaml"
local_platform_config "$CONFIG" "$DEMO/spool" "$DEMO/journal.sqlite" production
FLA=("$BIN/fladaemon")

echo "== starting the daemon (production circuit of the local simulator: every FI is signed)"
"${FLA[@]}" run --config "$CONFIG" 2>"$DEMO/daemon.log" &
DAEMON=$!
for _ in $(seq 1 100); do [ -d "$DEMO/spool/incoming" ] && grep -q "ready" "$DEMO/daemon.log" && break; sleep 0.1; done
INCOMING="$DEMO/spool/incoming"

echo "== dropping the sample exports"
drop_by_rename() { cp "$ROOT/samples/$1" "$INCOMING/.$2.part"; mv "$INCOMING/.$2.part" "$INCOMING/$2"; echo "   $2 (renamed in)"; }
drop_by_rename training-rights.csv training-rights.csv
# Written in place, slowly: the daemon waits until it stops changing.
head -c 120 "$ROOT/samples/formations-suivies.csv" > "$INCOMING/formations-suivies.csv"; sleep 0.2
tail -c +121 "$ROOT/samples/formations-suivies.csv" >> "$INCOMING/formations-suivies.csv"
echo "   formations-suivies.csv (written in place)"
drop_by_rename canonical-export.xml canonical-export.xml
drop_by_rename warnings.csv warnings.csv
drop_by_rename unknown-committee.csv unknown-committee.csv
drop_by_rename invalid-records.csv invalid-records.csv
sleep 1
drop_by_rename training-rights.csv training-rights-again.csv

echo "== waiting for every submission to reach its end"
for _ in $(seq 1 120); do
    status=$("${FLA[@]}" status --config "$CONFIG" 2>/dev/null || true)
    exports=$(printf '%s\n' "$status" | awk 'NR>1 && NF==0 {exit} NR>1' | wc -l)
    if [ "$exports" -ge 7 ] && ! printf '%s\n' "$status" | grep -qE ' (received|prepared|uploading|sent|acknowledged)( |,|$)'; then break; fi
    sleep 0.5
done

echo "== stopping the daemon (SIGTERM)"
kill -TERM "$DAEMON"; code=0; wait "$DAEMON" || code=$?; DAEMON=""
echo "   daemon exit code: $code"

echo
echo "== how each export ended (fladaemon status)"
"${FLA[@]}" status --config "$CONFIG"
echo
echo "== the submission with anomalies (fladaemon show)"
id=$("${FLA[@]}" status --config "$CONFIG" --state accepted-with-anomalies | awk 'NR==2 {print $1}')
[ -n "$id" ] && "${FLA[@]}" show --config "$CONFIG" "$id"
echo
echo "== set aside in failed/"
for reason in "$DEMO"/spool/failed/*.reason; do echo "-- $(basename "$reason")"; sed 's/^/   /' "$reason"; done
echo
echo "== report of the export with invalid records"
cat "$DEMO"/spool/reports/*invalid-records*.txt | sed 's/^/   /'
echo
echo "== a few log lines (stderr; under systemd they go to journald with structured fields)"
grep -E "sent|accepted|rejected|duplicate|not sent" "$DEMO/daemon.log" | head -12 | sed 's/^/   /'
echo
echo "everything ran under $DEMO (left for inspection); no process is left running."
