#!/usr/bin/env bash
# Static analysis of the scoring core (core/ only): clang-tidy with the repository's .clang-tidy and
# the native compile database, then cppcheck with tests/analysis/cppcheck-suppressions.txt.
#
#   tests/analysis/run.sh              both tools
#   tests/analysis/run.sh tidy|cppcheck  one of them
#
# Needs build/native/compile_commands.json (cmake --workflow --preset native writes it), or the
# database named by KKPHAM_COMPILE_DB.
# Environment: CLANG_TIDY (default clang-tidy-14, else clang-tidy), CPPCHECK (default cppcheck),
# KKPHAM_ANALYSIS_JOBS (parallel clang-tidy processes, default nproc).
# Prints every finding; exit status 0 clean, 1 findings, 2 a tool or the database is missing.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2
what=${1:-all}
db=${KKPHAM_COMPILE_DB:-build/native/compile_commands.json}
out=build/analysis
mkdir -p "$out"
status=0

mapfile -t sources < <(find core/src -name '*.cpp' | sort)

run_tidy() {
    local tidy=${CLANG_TIDY:-}
    if [[ -z $tidy ]]; then
        tidy=$(command -v clang-tidy-14 || command -v clang-tidy || true)
    fi
    if [[ -z $tidy ]]; then echo "run.sh: clang-tidy not found (apt-get install clang-tidy)" >&2; return 2; fi
    if [[ ! -f $db ]]; then echo "run.sh: $db missing: run cmake --workflow --preset native first" >&2; return 2; fi
    echo "== clang-tidy ($($tidy --version | grep -o 'version [0-9.]*')) on ${#sources[@]} core/src files"
    local jobs=${KKPHAM_ANALYSIS_JOBS:-$(nproc)}
    # The database was made for g++: its warning flags are unknown to clang, which is not a finding.
    printf '%s\n' "${sources[@]}" | xargs -P "$jobs" -I{} sh -c \
        '"$0" -p "$1" --quiet --extra-arg=-Wno-unknown-warning-option "$2" >"$3/tidy-$(basename "$2").log" 2>&1; echo $? >"$3/tidy-$(basename "$2").rc"' \
        "$tidy" "$db" {} "$out"
    local findings
    # One "file:line:col: warning|error: ... [check]" line per finding; headers are reported from
    # every file that includes them, so deduplicate.
    findings=$(cat "$out"/tidy-*.log | grep -E '^/.*:[0-9]+:[0-9]+: (warning|error):' | sort -u)
    local crashed
    crashed=$(grep -L '^0$' "$out"/tidy-*.rc | grep -c . || true)
    if [[ -n $findings ]]; then
        # Print each finding with its context lines.
        for f in "$out"/tidy-*.log; do grep -A3 -E '^/.*:[0-9]+:[0-9]+: (warning|error):' "$f" || true; done | awk '!seen[$0]++'
        echo "clang-tidy: $(printf '%s\n' "$findings" | wc -l) finding(s) in core/"
        return 1
    fi
    if (( crashed )); then
        echo "clang-tidy failed on $crashed file(s) without a finding line; see $out/tidy-*.log" >&2
        return 2
    fi
    echo "clang-tidy: clean"
}

run_cppcheck() {
    local cppcheck=${CPPCHECK:-cppcheck}
    if ! command -v "$cppcheck" >/dev/null; then echo "run.sh: cppcheck not found (apt-get install cppcheck)" >&2; return 2; fi
    echo "== $($cppcheck --version) on core/"
    local log=$out/cppcheck.log
    "$cppcheck" --std=c++20 --language=c++ --enable=warning,style,performance,portability \
        --inline-suppr --suppressions-list=tests/analysis/cppcheck-suppressions.txt \
        --error-exitcode=1 --quiet -j "$(nproc)" --cppcheck-build-dir="$out" \
        -I core/include -I core/src \
        --template='{file}:{line}:{column}: {severity}: {message} [{id}]' \
        core/src core/include >"$log" 2>&1
    local rc=$?
    if (( rc != 0 )) || grep -qE ': (error|warning|style|performance|portability): ' "$log"; then
        cat "$log"
        echo "cppcheck: $(grep -cE ': (error|warning|style|performance|portability): ' "$log") finding(s) in core/"
        return 1
    fi
    echo "cppcheck: clean"
}

case $what in
    all) run_tidy; s=$?; (( s > status )) && status=$s; run_cppcheck; s=$?; (( s > status )) && status=$s ;;
    tidy) run_tidy; status=$? ;;
    cppcheck) run_cppcheck; status=$? ;;
    *) echo "usage: tests/analysis/run.sh [all|tidy|cppcheck]" >&2; exit 2 ;;
esac
exit $status
