#!/usr/bin/env bash
# tests/cli/data/make-damaged.sh: writes the damaged captures the CLI error tests read,
# from two captures of the corpus (cut or with one field overwritten). Run from the
# repository root; the outputs are committed, so the tests never run this. Each file
# has one defect, placed after at least one good packet where the format allows, so
# the tests also see that what came before the damage is reported.
#   trunc-rechdr.pcap          the file ends 10 bytes into the second record header
#   caplen-gt-snaplen.pcap     the header's snapshot length (1020) is below the
#                              captured length of the second record (1035)
#   empty.pcap                 0 bytes
#   pcapng-badlen.pcapng       the fourth block's length field is 7 (not a multiple of 4)
#   pcapng-truncated.pcapng    the file ends inside its last block
# and one that is not damaged but that libpcap cannot read:
#   pcapng-late-idb.pcapng     the two-interface capture of the corpus (Ethernet and
#                              Linux cooked) with its second interface block moved
#                              to just before the first packet of that interface
# truncated.pcap, caplen-gt-len.pcap, snaplen0.pcap and garbage.pcap are older, made
# by hand the same way (commit 59d33b9): a cut record, a captured length one above the
# length, a zeroed snapshot length, and bytes that are no capture.
set -eu
out=tests/cli/data
pcap=corpus/pcap-public/suricata__sip-sdp.pcap          # little-endian pcap, snaplen 65535
png=corpus/pcap-public/ndpi__sip_hello.pcapng            # little-endian pcapng

# patch FILE OFFSET BYTE...: overwrite bytes (given in hex) at OFFSET.
patch() {
    local f=$1 off=$2 esc=''
    shift 2
    for b in "$@"; do esc="$esc\\x$b"; done
    printf "$esc" | dd of="$f" bs=1 seek="$off" conv=notrunc status=none
}

# u32le FILE OFFSET: the little-endian 32-bit number at OFFSET.
u32le() {
    od -A n -t u4 --endian=little -j "$2" -N 4 "$1" | tr -d ' '
}

# The first pcap record is 16 + 1012 bytes: the second record header starts at 1052.
head -c $((1052 + 10)) "$pcap" >"$out/trunc-rechdr.pcap"

cp "$pcap" "$out/caplen-gt-snaplen.pcap"
first=$(u32le "$pcap" 32)                        # captured length of record 1
second_at=$((24 + 16 + first))
second=$(u32le "$pcap" $((second_at + 8)))       # captured length of record 2
[ "$first" -le 1020 ] && [ "$second" -gt 1020 ] || { echo "record sizes changed" >&2; exit 1; }
patch "$out/caplen-gt-snaplen.pcap" 16 fc 03 00 00   # snaplen 1020

: >"$out/empty.pcap"

# Walk the pcapng blocks: the fourth starts after three lengths.
pos=0
for _ in 1 2 3; do pos=$((pos + $(u32le "$png" $((pos + 4))))); done
cp "$png" "$out/pcapng-badlen.pcapng"
patch "$out/pcapng-badlen.pcapng" $((pos + 4)) 07 00 00 00

size=$(stat -c %s "$png")
head -c $((size - 30)) "$png" >"$out/pcapng-truncated.pcapng"
# SHB, IDB 0, IDB 1, then packets: find the first packet of interface 1.
two=corpus/pcap-generated/pcapng_two_idbs_ether_sll.pcapng
shb=$(u32le "$two" 4)
idb0=$(u32le "$two" $((shb + 4)))
idb1_at=$((shb + idb0))
idb1=$(u32le "$two" $((idb1_at + 4)))
pos=$((idb1_at + idb1))
size=$(stat -c %s "$two")
while [ "$(u32le "$two" "$pos")" != 6 ] || [ "$(u32le "$two" $((pos + 8)))" != 1 ]; do
    [ "$pos" -lt "$size" ] || { echo "$two: no packet on interface 1" >&2; exit 1; }
    pos=$((pos + $(u32le "$two" $((pos + 4)))))
done
{
    head -c "$idb1_at" "$two"
    tail -c +$((idb1_at + idb1 + 1)) "$two" | head -c $((pos - idb1_at - idb1))
    tail -c +$((idb1_at + 1)) "$two" | head -c "$idb1"
    tail -c +$((pos + 1)) "$two"
} >"$out/pcapng-late-idb.pcapng"
echo "wrote $out/{trunc-rechdr,caplen-gt-snaplen,empty}.pcap, $out/pcapng-{badlen,truncated,late-idb}.pcapng"
