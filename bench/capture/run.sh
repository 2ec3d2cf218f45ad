#!/bin/bash
# bench/capture/run.sh BUILD: the capture benchmark (part of `make bench`).
#
# Writes a capture of COUNT SIP messages (half UDP, half on one TCP connection, the
# messages of bench/messages in turn) and times, best of RUNS, on the same file:
#   floor    a bare libpcap read loop (pcap_loop.c)
#   count    sipparse -q --stats: every packet decoded, every message parsed and counted
#   json     sipparse -T json (one JSON object per message, to /dev/null)
# and, on a smaller capture (TSHARK_COUNT messages, as tshark is slow), sipparse -T json
# against tshark -Y sip -T json. Prints messages/s, the ratios the capture issue sets
# targets for, and peak memory (max RSS) of each sipparse run.
set -eu
build=$1
count=${COUNT:-200000}
tshark_count=${TSHARK_COUNT:-20000}
runs=${RUNS:-3}
here=$(cd "$(dirname "$0")" && pwd)
out=$build/bench/capture
tool=$build/sipparse
mkdir -p "$out"
big=$out/big.pcap small=$out/small.pcap
"$out/gen_capture" "$big" "$count" "$here"/../messages/*.sip
"$out/gen_capture" "$small" "$tshark_count" "$here"/../messages/*.sip

# best wall time of $runs runs of "$@" (stdout to /dev/null), in seconds; RSS in KiB of
# the last run goes to $out/rss
best() {
    local b="" t
    for _ in $(seq "$runs"); do
        /usr/bin/time -o "$out/time" -f '%e %M' "$@" > /dev/null 2> /dev/null || true
        t=$(tail -n 1 "$out/time")
        echo "${t#* }" > "$out/rss"
        t=${t%% *}
        if [ -z "$b" ] || awk -v a="$t" -v b="$b" 'BEGIN { exit !(a < b) }'; then b=$t; fi
    done
    echo "$b"
}

msgs=$("$tool" -q --stats "$big" | awk '/^stats: packets=/ { sub(/.*messages=/, ""); sub(/ .*/, ""); print }')
if [ "$msgs" != "$count" ]; then
    echo "capture bench: sipparse found $msgs messages in a capture of $count" >&2
    exit 1
fi
floor=$(best "$out/pcap_loop" "$big")
cnt=$(best "$tool" -q --stats "$big"); cnt_rss=$(cat "$out/rss")
json=$(best "$tool" -T json "$big"); json_rss=$(cat "$out/rss")
sjson=$(best "$tool" -T json "$small")
if command -v tshark > /dev/null; then
    tjson=$(RUNS=1 best tshark -r "$small" -Y sip -T json)
else
    tjson=""
fi

rate() { awk -v n="$1" -v t="$2" 'BEGIN { printf "%.0f", (t > 0 ? n / t : 0) }'; }
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%.1f", (b > 0 ? a / b : 0) }'; }
printf 'capture: %d messages (%s MB), best of %d runs\n' "$count" \
    "$(du -m "$big" | cut -f1)" "$runs"
printf '  %-34s %8.3f s  %10s msg/s\n' "libpcap read loop (floor)" "$floor" "$(rate "$count" "$floor")"
printf '  %-34s %8.3f s  %10s msg/s  %5sx floor  max RSS %s KiB\n' "sipparse -q --stats" "$cnt" \
    "$(rate "$count" "$cnt")" "$(ratio "$cnt" "$floor")" "$cnt_rss"
printf '  %-34s %8.3f s  %10s msg/s  %5sx floor  max RSS %s KiB\n' "sipparse -T json" "$json" \
    "$(rate "$count" "$json")" "$(ratio "$json" "$floor")" "$json_rss"
if [ -n "$tjson" ]; then
    printf 'capture: %d messages, JSON output against tshark (Debian %s)\n' "$tshark_count" \
        "$(tshark --version 2>/dev/null | head -n 1 | awk '{ print $3 }')"
    printf '  %-34s %8.3f s  %10s msg/s\n' "sipparse -T json" "$sjson" "$(rate "$tshark_count" "$sjson")"
    printf '  %-34s %8.3f s  %10s msg/s  sipparse is %sx faster\n' "tshark -Y sip -T json" "$tjson" \
        "$(rate "$tshark_count" "$tjson")" "$(ratio "$tjson" "$sjson")"
fi
