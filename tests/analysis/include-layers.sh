#!/usr/bin/env bash
# Checks that core/src/ includes go one way only, from a higher layer to a lower one
# (core/src/README.md):
#
#   util -> json -> model -> scoring -> forms | analysis | package -> engine.cpp
#
# A file may include its own layer and any lower one; forms/ and analysis/ are siblings (neither
# includes the other); only engine.cpp (core/src/) includes the public header kkpham/engine.hpp.
# Every internal include names its layer folder ("model/pack.hpp", not "pack.hpp").
#
#   tests/analysis/include-layers.sh            check core/src (CTest: core.layers)
#   tests/analysis/include-layers.sh DIR        check another tree laid out like core/src
#   tests/analysis/include-layers.sh --self-test  prove the check fails on a back-edge
#
# Prints one line per offending include; exit status 0 clean, 1 a violation, 2 usage error.
set -uo pipefail
root=$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)

# Layer ranks. forms and analysis share a rank; the sibling rule is checked separately.
declare -A rank=([util]=0 [json]=1 [model]=2 [scoring]=3 [forms]=4 [analysis]=4 [package]=4 [offices]=4 [kkpham]=9)

check() {  # dir
    local dir=$1 bad=0 file rel layer line target tlayer
    [[ -d $dir ]] || { echo "include-layers: $dir is not a folder" >&2; return 2; }
    local files=()
    while IFS= read -r -d '' file; do files+=("$file"); done < <(find "$dir" -type f \( -name '*.cpp' -o -name '*.hpp' \) -print0 | sort -z)
    (( ${#files[@]} )) || { echo "include-layers: no sources under $dir" >&2; return 2; }
    for file in "${files[@]}"; do
        rel=${file#"$dir"/}
        if [[ $rel == */* ]]; then
            layer=${rel%%/*}
            if [[ -z ${rank[$layer]+x} || $layer == kkpham ]]; then
                echo "$rel: folder $layer/ is not a layer (add it to tests/analysis/include-layers.sh and core/src/README.md)"
                bad=1
                continue
            fi
        else
            layer=engine  # core/src/engine.cpp: the top, may include everything
        fi
        while IFS= read -r line; do
            target=$(sed -E 's/^[0-9]+:[[:space:]]*#[[:space:]]*include[[:space:]]*"([^"]*)".*/\1/' <<<"$line")
            local n=${line%%:*}
            if [[ $target != */* ]]; then
                echo "$rel:$n: #include \"$target\" must name its layer folder (e.g. \"model/pack.hpp\")"
                bad=1
                continue
            fi
            tlayer=${target%%/*}
            if [[ -z ${rank[$tlayer]+x} ]]; then
                echo "$rel:$n: #include \"$target\": $tlayer/ is not a layer"
                bad=1
                continue
            fi
            [[ $layer == engine ]] && continue
            if (( rank[$tlayer] > rank[$layer] )); then
                echo "$rel:$n: #include \"$target\": $layer/ must not include the higher layer $tlayer/"
                bad=1
            elif [[ $layer != "$tlayer" && ${rank[$layer]} == "${rank[$tlayer]}" ]]; then
                echo "$rel:$n: #include \"$target\": $layer/ and $tlayer/ are siblings and must not include each other"
                bad=1
            fi
        done < <(grep -nE '^[[:space:]]*#[[:space:]]*include[[:space:]]*"' "$file")
    done
    if (( bad )); then
        echo "include-layers: core/src includes go against the layers (see core/src/README.md)"
        return 1
    fi
    echo "include-layers: ${#files[@]} files, every include goes down the layers"
}

self_test() {
    local tmp status
    tmp=$(mktemp -d) || return 2
    trap 'rm -rf "$tmp"' RETURN
    cp -r "$root/core/src" "$tmp/src"
    # The clean tree passes ...
    if ! check "$tmp/src" >/dev/null; then
        echo "self-test: the unmodified core/src already fails" >&2
        return 1
    fi
    # ... a json/ file that includes analysis/ fails, naming the file and the include ...
    printf '#include "analysis/gap.hpp"\n' >>"$tmp/src/json/json_text.hpp"
    local out
    out=$(check "$tmp/src"); status=$?
    if (( status != 1 )) || ! grep -q 'json/json_text.hpp:.*"analysis/gap.hpp".*higher layer analysis/' <<<"$out"; then
        echo "self-test: a json/ -> analysis/ include was not reported (status $status):" >&2
        echo "$out" >&2
        return 1
    fi
    # ... so do a sibling include (forms/ -> analysis/) and an include without its folder.
    cp "$root/core/src/json/json_text.hpp" "$tmp/src/json/json_text.hpp"
    printf '#include "analysis/compare.hpp"\n' >>"$tmp/src/forms/csv_cells.hpp"
    printf '#include "pack.hpp"\n' >>"$tmp/src/model/answers.hpp"
    out=$(check "$tmp/src"); status=$?
    if (( status != 1 )) || ! grep -q 'forms/csv_cells.hpp:.*siblings' <<<"$out" || \
       ! grep -q 'model/answers.hpp:.*must name its layer folder' <<<"$out"; then
        echo "self-test: a sibling or folder-less include was not reported (status $status):" >&2
        echo "$out" >&2
        return 1
    fi
    echo "include-layers self-test: back-edge, sibling and folder-less includes are reported"
}

case ${1:-} in
    "") check "$root/core/src" ;;
    --self-test) self_test ;;
    -*) echo "usage: tests/analysis/include-layers.sh [DIR | --self-test]" >&2; exit 2 ;;
    *) check "$1" ;;
esac
