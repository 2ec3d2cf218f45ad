#!/bin/sh
# fuzz/coverage.sh FUZZ_DIR TARGET...: what each harness's inputs reach, as llvm-cov
# counts it. Run by `make fuzz-cov`, which builds FUZZ_DIR/cov/<target> first (clang
# source-based coverage, the plain driver of afl_driver.c) and sets GEN, LLVM_COV and
# LLVM_PROFDATA.
#
# Each target runs once on every file of FUZZ_DIR/corpus/<target> (what fuzz-run and
# the campaigns saved), FUZZ_DIR/seeds/<target> and fuzz/regressions/<target>. Printed
# per target, then for all of them together: covered lines of the library's C
# (libsipparse/src), covered regions of the C that re2c generated from grammar/ (a
# region is a DFA state's test or action, so this is how much of the grammar the inputs
# reach), and covered lines of the tool (tools/sipparse), for the harnesses that link it.
# The report of the union goes to FUZZ_DIR/cov/html/index.html. Exits 1 when a harness
# fails on an input: a finding to fix before coverage means anything.
set -eu
dir=$1; shift
: "${GEN:=build/gen}" "${LLVM_COV:=llvm-cov-14}" "${LLVM_PROFDATA:=llvm-profdata-14}"
out=$dir/cov
rm -rf "$out/prof" "$out/html"
mkdir -p "$out/prof"

lib_src=$(ls libsipparse/src/*.c)
gen_src=$(ls "$GEN"/*.c)
tool_src=$(ls tools/sipparse/*.c)

# "covered/total (pct)" of one column of llvm-cov's TOTAL line: $1 = 1 for regions,
# 7 for lines (llvm-cov 14: regions, missed, cover, functions, missed, executed, lines,
# missed, cover, ...).
total() {
    awk -v c="$1" '$1 == "TOTAL" { n = $(c + 1); m = $(c + 2)
        if (n > 0) printf "%d/%d (%.1f%%)", n - m, n, 100 * (n - m) / n; else printf "-" }'
}

# report PROFDATA COLUMN SOURCES... BINARY [-object BINARY]...: one figure.
report() {
    prof=$1 col=$2; shift 2
    srcs=$1; shift
    # shellcheck disable=SC2086 # the source lists are split on purpose
    "$LLVM_COV" report "$@" -instr-profile="$prof" $srcs 2>/dev/null | total "$col"
}

failed=0
objects=""
printf '%-15s %7s  %-24s %-24s %s\n' target inputs "library lines" "grammar DFA regions" \
    "tool lines"
for t in "$@"; do
    bin=$dir/cov/$t
    list=$out/prof/$t.inputs
    : > "$list"
    for d in "$dir/corpus/$t" "$dir/seeds/$t" "fuzz/regressions/$t"; do
        [ -d "$d" ] && find "$d" -type f ! -name '.*' >> "$list"
    done
    n=$(wc -l < "$list")
    # xargs -r: no inputs, no run (the driver would read standard input).
    if ! tr '\n' '\0' < "$list" |
         LLVM_PROFILE_FILE="$out/prof/$t-%p.profraw" xargs -0 -r -n 200 "$bin" \
             > "$out/prof/$t.log" 2>&1; then
        echo "fuzz-cov: $t failed on one of its inputs (log: $out/prof/$t.log)" >&2
        failed=1
    fi
    if ! ls "$out/prof/$t"-*.profraw > /dev/null 2>&1; then
        printf '%-15s %7d  (no inputs)\n' "$t" "$n"
        continue
    fi
    "$LLVM_PROFDATA" merge -sparse "$out/prof/$t"-*.profraw -o "$out/prof/$t.profdata"
    tool="-"
    case $t in fuzz_har|fuzz_ws|fuzz_hep|fuzz_tcp|fuzz_pcap)
        tool=$(report "$out/prof/$t.profdata" 7 "$tool_src" "$bin") ;;
    esac
    printf '%-15s %7d  %-24s %-24s %s\n' "$t" "$n" \
        "$(report "$out/prof/$t.profdata" 7 "$lib_src" "$bin")" \
        "$(report "$out/prof/$t.profdata" 1 "$gen_src" "$bin")" "$tool"
    if [ -z "$objects" ]; then first=$bin; objects=" "; else objects="$objects -object $bin"; fi
done

[ -n "$objects" ] || exit "$failed"
"$LLVM_PROFDATA" merge -sparse "$out/prof"/*.profraw -o "$out/all.profdata"
# shellcheck disable=SC2086
printf '%-15s %7s  %-24s %-24s %s\n' all "" \
    "$(report "$out/all.profdata" 7 "$lib_src" "$first" $objects)" \
    "$(report "$out/all.profdata" 1 "$gen_src" "$first" $objects)" \
    "$(report "$out/all.profdata" 7 "$tool_src" "$first" $objects)"
# shellcheck disable=SC2086
"$LLVM_COV" show "$first" $objects -instr-profile="$out/all.profdata" -format=html \
    -output-dir="$out/html" $lib_src $gen_src $tool_src 2>/dev/null
echo "fuzz-cov: report in $out/html/index.html"
rm -f "$out/prof"/*.profraw
exit "$failed"
