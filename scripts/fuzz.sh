#!/usr/bin/env bash
# make fuzz / make fuzz-short: builds the libFuzzer targets of Fuzz/ (with AddressSanitizer, apart from the
# product, in .build-fuzz) and runs each for a bounded time over its seed corpus in Fuzz/corpus/<target>.
# Prints the executions of each target. Inputs are at most a few kilobytes, so one allocation over 64 MiB
# (-malloc_limit_mb) means a reader's limits did not hold, and counts as a crash. A crash or a broken
# promise stops nothing else: every target runs, the input is kept as .build-fuzz/crashes/<target>-crash-...,
# and the script exits 1 at the end.
#   scripts/fuzz.sh SECONDS [TARGET...]      (default: every target)
# Replay one input: .build-fuzz/release/<Product> <file>
set -euo pipefail
exec </dev/null

ROOT=$(cd "$(dirname "$0")/.." && pwd)
SECONDS_EACH=${1:?seconds per target}
shift
SCRATCH="$ROOT/.build-fuzz"

# target name : product : longest input libFuzzer makes
ALL="batch-name:FuzzBatchName:128 csv-records:FuzzCSVRecords:4096 csv-export:FuzzCSVExport:4096
     xml-export:FuzzXMLExport:8192 answers:FuzzAnswers:8192"
WANTED=("$@")

# -enable-testing: a target may reach a reader's internal seams (@testable import), as the tests do.
(cd "$ROOT/Fuzz" && ${SWIFT:-swift} build -c release --scratch-path "$SCRATCH" \
    -Xswiftc -sanitize=fuzzer,address -Xswiftc -enable-testing)

mkdir -p "$SCRATCH/crashes"
failed=()
for entry in $ALL; do
    IFS=: read -r name product maxlen <<<"$entry"
    if [ ${#WANTED[@]} -gt 0 ] && [[ ! " ${WANTED[*]} " =~ " $name " ]]; then continue; fi
    # New inputs go to a working corpus outside the repository; the seeds stay as written.
    work="$SCRATCH/corpus/$name"
    mkdir -p "$work"
    log="$SCRATCH/$name.log"
    status=0
    # Crashes are libFuzzer's to report (Swift's own backtracer would add half a minute to each).
    SWIFT_BACKTRACE=enable=no ASAN_OPTIONS=detect_leaks=0 \
        "$SCRATCH/release/$product" "$work" "$ROOT/Fuzz/corpus/$name" \
        -max_total_time="$SECONDS_EACH" -max_len="$maxlen" -timeout=10 -rss_limit_mb=2048 -malloc_limit_mb=64 \
        -artifact_prefix="$SCRATCH/crashes/$name-" -print_final_stats=1 >"$log" 2>&1 || status=$?
    runs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    corpus=$(grep -oE 'corp: [0-9]+/[0-9]+[a-zA-Z]*' "$log" | tail -1 | cut -d' ' -f2)
    if [ "$status" -eq 0 ]; then
        printf '%-12s %10s executions in %ss, corpus %s\n' "$name" "${runs:-?}" "$SECONDS_EACH" "${corpus:-?}"
    else
        printf '%-12s FAILED after %s executions (exit %s); log %s\n' "$name" "${runs:-?}" "$status" "$log"
        grep -E '^(==[0-9]+==ERROR|broken promise|Fatal error|SUMMARY)|artifact_prefix|Test unit written' "$log" | head -8 | sed 's/^/    /'
        failed+=("$name")
    fi
done
if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzz: crash or broken promise in: ${failed[*]}"
    exit 1
fi
echo "fuzz: no crash, no broken promise"
