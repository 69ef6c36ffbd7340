# Building and running the libFuzzer targets of tests/fuzz (the "fuzz" preset: clang, ASan, UBSan).
# Sourced after setup.sh, by scripts/test and scripts/fuzz.

XUEFENG_FUZZ_BUILD="$XUEFENG_ROOT/build-fuzz"
XUEFENG_FUZZ_TARGETS=(fuzz_json_requests fuzz_roster fuzz_http_request)

build_fuzz() {
  cd "$XUEFENG_ROOT"
  if [ ! -f "$XUEFENG_FUZZ_BUILD/build.ninja" ]; then
    log "configuring the fuzz targets (cmake --preset fuzz)"
    cmake --preset fuzz >/dev/null
  fi
  local start=$SECONDS
  log "building the fuzz targets"
  cmake --build --preset fuzz
  log "fuzz build finished in $((SECONDS - start)) s"
}

# run_fuzz_target NAME SECONDS: fuzzes NAME for SECONDS on a temporary corpus seeded from
# tests/fuzz/corpus/NAME (new inputs go to the temporary one, never into the repository), prints
# executions, executions per second and coverage, and fails on a crash, a leak, a timeout or running
# out of memory, keeping the input that did it in build-fuzz/artifacts/NAME/.
run_fuzz_target() {
  local name="$1" seconds="$2"
  local binary="$XUEFENG_FUZZ_BUILD/tests/fuzz/$name"
  local seeds="$XUEFENG_ROOT/tests/fuzz/corpus/$name"
  local artifacts="$XUEFENG_FUZZ_BUILD/artifacts/$name"
  local log_file="$XUEFENG_FUZZ_BUILD/logs/$name.log"
  local work
  work="$(mktemp -d "${TMPDIR:-/tmp}/xuefeng-$name.XXXXXX")"
  mkdir -p "$artifacts" "$(dirname "$log_file")"

  local options=(-max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -print_final_stats=1
                 -artifact_prefix="$artifacts/")
  local dict="$XUEFENG_ROOT/tests/fuzz/$name.dict"
  [ -f "$dict" ] && options+=(-dict="$dict")

  log "fuzzing $name for $seconds s"
  local status=0
  # The first directory receives what the fuzzer finds; the committed seeds are only read.
  ASAN_OPTIONS="${ASAN_OPTIONS:-detect_leaks=1}" UBSAN_OPTIONS="${UBSAN_OPTIONS:-print_stacktrace=1}" \
    ASAN_SYMBOLIZER_PATH="${ASAN_SYMBOLIZER_PATH:-/usr/lib/llvm-14/bin/llvm-symbolizer}" "$binary" "${options[@]}" "$work" "$seeds" >"$log_file" 2>&1 || status=$?
  rm -rf "$work"

  local runs speed coverage
  runs="$(sed -n 's/^stat::number_of_executed_units: *//p' "$log_file" | tail -n 1)"
  speed="$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log_file" | tail -n 1)"
  coverage="$(grep -o 'cov: [0-9]* ft: [0-9]*' "$log_file" | tail -n 1 || true)"
  printf '%-20s %10s execs  %7s execs/s  %s\n' "$name" "${runs:-?}" "${speed:-?}" "${coverage:-cov: ?}"
  if [ "$status" -ne 0 ]; then
    echo "FAILED: $name (exit status $status); the fuzzer's report ($log_file) ends with:" >&2
    tail -n 60 "$log_file" >&2
    local artifact
    artifact="$(sed -n 's/.*Test unit written to //p' "$log_file" | tail -n 1)"
    [ -n "$artifact" ] && echo "the input that did it: $artifact (replay: $binary $artifact)" >&2
    return 1
  fi
}

# fuzz_all [SECONDS]: every target in turn, each for SECONDS (default $XUEFENG_FUZZ_SECONDS or 60).
fuzz_all() {
  local seconds="${1:-${XUEFENG_FUZZ_SECONDS:-60}}"
  local failed=()
  for name in "${XUEFENG_FUZZ_TARGETS[@]}"; do
    run_fuzz_target "$name" "$seconds" || failed+=("$name")
  done
  if [ ${#failed[@]} -gt 0 ]; then
    echo "fuzzing found problems in: ${failed[*]}" >&2
    return 1
  fi
  log "fuzzing found nothing in ${#XUEFENG_FUZZ_TARGETS[@]} targets x $seconds s"
}
