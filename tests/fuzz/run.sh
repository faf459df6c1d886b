#!/usr/bin/env bash
# Builds the libFuzzer harnesses (tests/fuzz/fuzz_*.cpp) with Debian's clang and runs each for a
# fixed number of executions, after replaying every saved finding (tests/fuzz/regressions/).
#
#   tests/fuzz/run.sh                 1,000,000 executions per harness (the issue's bar)
#   tests/fuzz/run.sh 20000           CI smoke
#   tests/fuzz/run.sh 1000000 csv     only some harnesses (pack answers template explain csv gap
#                                     compare migrate output)
#
# Environment: CXX (default clang++), KKPHAM_FUZZ_JOBS (harnesses run at once, default 1),
# KKPHAM_FUZZ_MAX_LEN (default 65536), KKPHAM_FUZZ_TIMEOUT (seconds per input, default 10),
# KKPHAM_FUZZ_OUT (default build/fuzz).
# Output: one line per harness (executions, seconds, findings) and a finding's reproducer path.
# Exit status: 0 no finding; 1 a finding (or a regression fails again); 2 build or usage error.
set -uo pipefail

root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)
cd "$root" || exit 2

runs=${1:-1000000}
[[ $# -gt 0 ]] && shift
if ! [[ $runs =~ ^[0-9]+$ ]] || (( runs < 1 )); then
    echo "usage: tests/fuzz/run.sh [EXECUTIONS] [HARNESS...]" >&2
    exit 2
fi
all=(pack answers template explain csv gap compare migrate output)
harnesses=("$@")
(( ${#harnesses[@]} )) || harnesses=("${all[@]}")
for h in "${harnesses[@]}"; do
    [[ -f tests/fuzz/fuzz_$h.cpp ]] || { echo "run.sh: no harness tests/fuzz/fuzz_$h.cpp" >&2; exit 2; }
done

CXX=${CXX:-clang++}
jobs=${KKPHAM_FUZZ_JOBS:-1}
max_len=${KKPHAM_FUZZ_MAX_LEN:-65536}
timeout=${KKPHAM_FUZZ_TIMEOUT:-10}
out=${KKPHAM_FUZZ_OUT:-$root/build/fuzz}
mkdir -p "$out/obj" "$out/logs"

# Like the wasm build: no exceptions (nlohmann's JSON_NOEXCEPTION turns a throw into abort(),
# which the fuzzer reports), so any path that would throw is found here.
common=(-std=c++20 -O1 -g -fno-omit-frame-pointer -fno-exceptions -DJSON_NOEXCEPTION
        -fno-sanitize-recover=all -Icore/include -Icore/src "-DKKPHAM_SOURCE_DIR=\"$root\"")
lib_san=-fsanitize=fuzzer-no-link,address,undefined
bin_san=-fsanitize=fuzzer,address,undefined

# --- build ------------------------------------------------------------------------------------
# Globbed once (the list must not change between compiling and linking), recursively: core/src/
# is grouped in layer folders (core/src/README.md).
mapfile -t core_srcs < <(find core/src -name '*.cpp' | sort)
mapfile -t core_hdrs < <(find core/src -name '*.hpp' | sort)
# A harness of code outside the core names it on a line "// fuzz-extra-source: PATH" (linked into
# that harness only).
extra_srcs_of() { sed -n 's|^// fuzz-extra-source: *||p' "tests/fuzz/fuzz_$1.cpp"; }
mapfile -t extra_srcs < <(for h in "${all[@]}"; do extra_srcs_of "$h"; done | sort -u)
extra_files=()
for src in "${extra_srcs[@]}"; do extra_files+=("$src" "${src%.cpp}.hpp"); done
extra_obj() { local rel=${1//\//_}; echo "$out/obj/extra_${rel%.cpp}.o"; }
# Everything is rebuilt when a source, a header, the compiler or the flags change (one stamp).
stamp_now=$( { "$CXX" --version; echo "${common[*]} $lib_san $bin_san";
               cat core/include/kkpham/*.hpp "${core_hdrs[@]}" "${core_srcs[@]}" "${extra_files[@]}" tests/fuzz/*.hpp tests/fuzz/fuzz_*.cpp; } | sha256sum | cut -d' ' -f1)
stamp_file=$out/build.stamp
if [[ ! -f $stamp_file || $(cat "$stamp_file") != "$stamp_now" ]] || \
   ! ( for h in "${harnesses[@]}"; do [[ -x $out/fuzz_$h ]] || exit 1; done ); then
    echo "== building the harnesses with $($CXX --version | head -1) into ${out#$root/}"
    rm -f "$stamp_file" "$out"/obj/*.o
    build_ok=1
    pids=()
    obj_name() {  # core/src/model/pack.cpp -> model_pack.o (no clash between folders)
        local rel=${1#core/src/}
        echo "${rel//\//_}" | sed 's/\.cpp$/.o/'
    }
    compile() {  # source object sanitizer-flag
        "$CXX" "${common[@]}" "$3" -c "$1" -o "$2" 2>"$2.log" || { cat "$2.log" >&2; return 1; }
    }
    for src in "${core_srcs[@]}"; do
        while (( $(jobs -rp | wc -l) >= $(nproc) )); do wait -n || build_ok=0; done
        compile "$src" "$out/obj/$(obj_name "$src")" "$lib_san" &
    done
    for src in "${extra_srcs[@]}"; do
        while (( $(jobs -rp | wc -l) >= $(nproc) )); do wait -n || build_ok=0; done
        compile "$src" "$(extra_obj "$src")" "$lib_san" &
    done
    for h in "${all[@]}"; do
        [[ -f tests/fuzz/fuzz_$h.cpp ]] || continue
        while (( $(jobs -rp | wc -l) >= $(nproc) )); do wait -n || build_ok=0; done
        compile "tests/fuzz/fuzz_$h.cpp" "$out/obj/harness_$h.o" "$lib_san" &
    done
    while (( $(jobs -rp | wc -l) > 0 )); do wait -n || build_ok=0; done
    if (( build_ok )); then
        core_objs=()
        for src in "${core_srcs[@]}"; do core_objs+=("$out/obj/$(obj_name "$src")"); done
        for h in "${all[@]}"; do
            [[ -f $out/obj/harness_$h.o ]] || continue
            extra_objs=()
            while IFS= read -r src; do [[ -n $src ]] && extra_objs+=("$(extra_obj "$src")"); done < <(extra_srcs_of "$h")
            "$CXX" "$bin_san" "$out/obj/harness_$h.o" "${extra_objs[@]}" "${core_objs[@]}" -o "$out/fuzz_$h" || build_ok=0
        done
    fi
    if (( ! build_ok )); then
        echo "run.sh: the build failed" >&2
        exit 2
    fi
    echo "$stamp_now" >"$stamp_file"
fi

# --- run --------------------------------------------------------------------------------------
dict_for() {
    case $1 in
        csv) echo tests/fuzz/csv.dict ;;
        output) echo tests/fuzz/text.dict ;;
        *) echo tests/fuzz/json.dict ;;
    esac
}

# Runs one harness; writes "executions seconds findings note" to $out/logs/$h.result.
run_one() {
    local h=$1 bin=$out/fuzz_$h log=$out/logs/$h.log findings=$out/findings/$h
    local result=$out/logs/$h.result
    mkdir -p "$findings" "$out/corpus/$h"
    : >"$log"
    # 1. Every saved finding must pass (each file is run once).
    local regressions=()
    while IFS= read -r -d '' f; do regressions+=("$f"); done < <(find "tests/fuzz/regressions/$h" -type f ! -name '.*' -print0 2>/dev/null | sort -z)
    if (( ${#regressions[@]} )); then
        if ! "$bin" -timeout="$timeout" -rss_limit_mb=2560 "${regressions[@]}" >>"$log" 2>&1; then
            # libFuzzer prints "Running: FILE" before each file: the last one is the one that failed.
            local failed
            failed=$(sed -n 's/^Running: //p' "$log" | tail -1)
            echo "0 0 1 regression-fails-again:${failed#$root/}" >"$result"
            echo "  $h: the saved regression ${failed#$root/} fails again (not fuzzed; see ${log#$root/})"
            return 1
        fi
    fi
    # 2. Fuzz: new inputs go to the working corpus in build/, the committed seeds stay as they are.
    local marker=$out/logs/$h.start
    : >"$marker"
    local t0 t1 status
    t0=$(date +%s.%N)
    "$bin" -runs="$runs" -max_len="$max_len" -timeout="$timeout" -rss_limit_mb=2560 -print_final_stats=1 \
        -dict="$(dict_for "$h")" -artifact_prefix="$findings/" \
        "$out/corpus/$h" "tests/fuzz/corpus/$h" >>"$log" 2>&1
    status=$?
    t1=$(date +%s.%N)
    local execs found
    execs=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log" | tail -1)
    [[ -n $execs ]] || execs=$(grep -oE '^#[0-9]+' "$log" | tail -1 | tr -d '#')
    # A slow-unit-* file is libFuzzer noting an input that took over 10 s, which on a busy machine
    # can be the scheduler, not the input: each is run again alone, and counts as a finding only if
    # it is still slow (over 1 s with the harness's start-up included).
    local slow=0 slow_still=0 slow_ms=0 f ms
    while IFS= read -r -d '' f; do
        slow=$((slow + 1))
        ms=$("$bin" -timeout="$timeout" "$f" 2>&1 | sed -n 's/^Executed .* in \([0-9]*\) ms$/\1/p' | tail -1)
        [[ -n $ms ]] || ms=999999
        (( ms > slow_ms )) && slow_ms=$ms
        if (( ms > 1000 )); then slow_still=$((slow_still + 1)); else mkdir -p "$out/slow-units/$h" && mv "$f" "$out/slow-units/$h/"; fi
    done < <(find "$findings" -type f -name 'slow-unit-*' -newer "$marker" -print0)
    (( slow )) && echo "  $h: $slow input(s) reported slow while fuzzing; alone the slowest took $slow_ms ms ($slow_still still slow: findings; the others moved to ${out#$root/}/slow-units/$h)"
    found=$(find "$findings" -type f -newer "$marker" ! -name 'slow-unit-*' | wc -l)
    found=$((found + slow_still))
    (( status != 0 && found == 0 )) && found=1
    local note=-
    if (( found )); then
        note=$(find "$findings" -type f -newer "$marker" | head -1)
        note=${note#$root/}
        if [[ -z $note ]]; then
            note="see-${log#$root/}"
            grep -q 'run interrupted' "$log" && note="interrupted(see-${log#$root/})"
        fi
    fi
    awk -v e="${execs:-0}" -v a="$t0" -v b="$t1" -v f="$found" -v n="$note" 'BEGIN { printf "%s %.1f %s %s\n", e, b - a, f, n }' >"$result"
    read -r execs _ _ _ <"$result"
    echo "  $h: $execs executions in $(awk '{print $2}' "$result") s, $found finding(s)"
    (( found == 0 ))
}

echo "== fuzzing: $runs executions per harness, max_len $max_len, timeout ${timeout}s, $jobs at a time"
for h in "${harnesses[@]}"; do
    rm -f "$out/logs/$h.result"
    while (( $(jobs -rp | wc -l) >= jobs )); do wait -n; done
    run_one "$h" &
done
wait

status=0
printf '%-10s %12s %10s %9s  %s\n' harness executions seconds findings reproducer
for h in "${harnesses[@]}"; do
    read -r execs secs found note <"$out/logs/$h.result" 2>/dev/null || { execs=0 secs=0 found=1 note="no-result(see-build/fuzz/logs/$h.log)"; }
    printf '%-10s %12s %10s %9s  %s\n' "$h" "$execs" "$secs" "$found" "$([[ $note == - ]] || echo "$note")"
    (( found == 0 )) || status=1
done
if (( status )); then
    echo
    echo "A finding: reproduce with  build/fuzz/fuzz_<harness> <file>  and keep it as a regression:"
    echo "  cp <file> tests/fuzz/regressions/<harness>/<short-name>   (see tests/fuzz/README.md)"
fi
exit $status
