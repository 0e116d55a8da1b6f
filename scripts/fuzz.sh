#!/usr/bin/env bash
# Builds the cargo-fuzz targets in fuzz/ once, runs each for a while (as many at a time as there
# are cores), prints the executions per target and in total, and fails on any crash, leaving its
# input in fuzz/artifacts/<target>/.
#   bash scripts/fuzz.sh [seconds-per-target]
# The default gives about 3 minutes of fuzzing in all. Logs: test-results/fuzz/<target>.log.
# Corpora grow in fuzz/corpus/<target>/ (seeded from fuzz/seeds/<target>/ when present).
source "$(dirname "$0")/env.sh"

if [ -n "${1:-}" ] && ! [[ "$1" =~ ^[1-9][0-9]*$ ]]; then
  echo "usage: bash scripts/fuzz.sh [seconds-per-target]" >&2
  exit 2
fi
mapfile -t TARGETS < <(cargo +nightly fuzz list)
if [ ${#TARGETS[@]} -eq 0 ]; then
  echo "no fuzz targets: is cargo-fuzz installed (bash scripts/install.sh --test)?" >&2
  exit 1
fi
JOBS=${FUZZ_JOBS:-$(nproc)}
[ "$JOBS" -ge 1 ] || JOBS=1
ROUNDS=$(((${#TARGETS[@]} + JOBS - 1) / JOBS))
PER_TARGET=${1:-$((180 / ROUNDS))}
LOGS=test-results/fuzz
HOST=$(rustc -vV | sed -n 's/^host: //p')
BIN=fuzz/target/$HOST/release

# Release build with debug assertions (overflow checks) and AddressSanitizer: cargo-fuzz's
# default, so `cargo +nightly fuzz run <target>` reuses it.
step "cargo +nightly fuzz build (${#TARGETS[@]} targets)"
build_start=$(date +%s)
cargo +nightly fuzz build
echo "built in $(($(date +%s) - build_start)) s"

# run_target NAME: fuzzes NAME for PER_TARGET seconds; its exit code goes to the log's .rc file.
# A panic, a sanitizer error, an input slower than 10 s, an allocation over 512 MB or RSS over
# 2 GB is a crash. Kernels must not allocate more than their input or documented limits imply.
run_target() {
  local name=$1 corpora=("fuzz/corpus/$1")
  [ -d "fuzz/seeds/$name" ] && corpora+=("fuzz/seeds/$name")
  mkdir -p "fuzz/corpus/$name" "fuzz/artifacts/$name"
  local rc=0
  "$BIN/$name" "${corpora[@]}" -max_total_time="$PER_TARGET" -timeout=10 \
    -rss_limit_mb=2048 -malloc_limit_mb=512 -print_final_stats=1 \
    -artifact_prefix="fuzz/artifacts/$name/" >"$LOGS/$name.log" 2>&1 || rc=$?
  echo "$rc" >"$LOGS/$name.rc"
}

# executions LOG: libFuzzer's final count (`stat::number_of_executed_units`, or the last `#N`).
executions() {
  local n
  n=$(sed -n 's/^stat::number_of_executed_units: *//p' "$1" | tail -n 1)
  [ -n "$n" ] || n=$(grep -oE '^#[0-9]+' "$1" | tail -n 1 | tr -d '#' || true)
  echo "${n:-0}"
}

step "fuzzing ${#TARGETS[@]} targets for $PER_TARGET s each, $JOBS at a time"
mkdir -p "$LOGS"
running=0
for name in "${TARGETS[@]}"; do
  if [ "$running" -ge "$JOBS" ]; then
    wait -n
    running=$((running - 1))
  fi
  run_target "$name" &
  running=$((running + 1))
done
wait

total=0 crashed=()
printf '%-16s %12s  %s\n' target executions result
for name in "${TARGETS[@]}"; do
  log=$LOGS/$name.log
  runs=$(executions "$log")
  total=$((total + runs))
  if [ "$(cat "$LOGS/$name.rc")" = 0 ]; then
    printf '%-16s %12s  %s\n' "$name" "$runs" ok
  else
    printf '%-16s %12s  %s\n' "$name" "$runs" "CRASH (exit $(cat "$LOGS/$name.rc"))"
    crashed+=("$name")
  fi
done
printf '%-16s %12s\n' total "$total"

for name in "${crashed[@]}"; do
  log=$LOGS/$name.log
  step "$name crashed (full log: $log)"
  grep -A2 -E "panicked at|^==[0-9]+==ERROR|ERROR: libFuzzer" "$log" | cut -c1-400 | head -n 20 || true
  artifact=$(sed -n 's/.*Test unit written to //p' "$log" | tail -n 1)
  if [ -n "$artifact" ]; then
    echo "crash input: $artifact"
    echo "reproduce:   cargo +nightly fuzz run $name $artifact"
    echo "show input:  cargo +nightly fuzz fmt $name $artifact"
    echo "minimize:    cargo +nightly fuzz tmin $name $artifact"
  fi
done
[ ${#crashed[@]} -eq 0 ]
