#!/bin/sh
# tests/install/run.sh BUILD: `make install` into a scratch DESTDIR, then what a user of
# the installed tree relies on: every file in its place, the shared library's SONAME and
# its exports (sipparse_* only, as the version script says), a program built from the
# installed headers through pkg-config that parses a message, linked against the shared
# library and against the static one, and the installed tool and man page.
set -eu
build=$1
dest=$(cd "$build" && pwd)/install-test
prefix=/usr/local
root=$dest$prefix
rm -rf "$dest"
make --no-print-directory -s install BUILD="$build" DESTDIR="$dest" PREFIX="$prefix" > /dev/null

fail() { echo "test-install: $*" >&2; exit 1; }

for f in include/sipparse/sipparse.h include/sipparse/ids.h include/sipparse/msg.h \
         lib/libsipparse.a lib/libsipparse.so.0.1.0 lib/libsipparse.so.0 lib/libsipparse.so \
         lib/pkgconfig/libsipparse.pc bin/sipparse share/man/man1/sipparse.1; do
    [ -e "$root/$f" ] || fail "$prefix/$f was not installed"
done
[ "$(readlink "$root/lib/libsipparse.so.0")" = libsipparse.so.0.1.0 ] ||
    fail "libsipparse.so.0 does not point at libsipparse.so.0.1.0"

soname=$(readelf -d "$root/lib/libsipparse.so.0.1.0" | sed -n 's/.*Library soname: \[\(.*\)\]/\1/p')
[ "$soname" = libsipparse.so.0 ] || fail "SONAME is '$soname', not libsipparse.so.0"
# (type A is the version script's node, SIPPARSE_0, not a symbol)
exports=$(nm -D --defined-only "$root/lib/libsipparse.so.0.1.0" | awk '$2 != "A" { print $3 }')
n=$(printf '%s\n' "$exports" | grep -c '^sipparse_' || true)
others=$(printf '%s\n' "$exports" | grep -v '^sipparse_' || true)
[ -z "$others" ] || fail "exported besides sipparse_*: $(echo $others)"
# ... and every function the installed headers declare SIPPARSE_API is among them.
declared=$(cat "$root"/include/sipparse/*.h | tr '\n' ' ' | grep -o 'SIPPARSE_API[^;(]*(' |
           grep -o 'sipparse_[a-z0-9_]* *($' | tr -d ' (' | sort -u)
missing=$(printf '%s\n' "$declared" | while read -r f; do
    printf '%s\n' "$exports" | grep -qx "$f@@SIPPARSE_0" || echo "$f"; done)
[ -z "$missing" ] || fail "declared but not exported: $(echo $missing)"
[ "$n" -eq "$(printf '%s\n' "$declared" | wc -l)" ] ||
    fail "$n symbols exported, $(printf '%s\n' "$declared" | wc -l) declared"

# A consumer, compiled the way a user would: flags from the installed .pc file, with
# the scratch tree as the sysroot pkg-config prefixes to its paths.
cat > "$dest/consumer.c" <<'C'
#include <stdio.h>
#include <string.h>
#include <sipparse/sipparse.h>

int main(void)
{
    static const char msg[] =
        "OPTIONS sip:carol@chicago.example.com SIP/2.0\r\n"
        "Via: SIP/2.0/UDP pc33.atlanta.example.com;branch=z9hG4bKhjhs8ass877\r\n"
        "Max-Forwards: 70\r\nTo: <sip:carol@chicago.example.com>\r\n"
        "From: Alice <sip:alice@atlanta.example.com>;tag=1928301774\r\n"
        "Call-ID: a84b4c76e66710\r\nCSeq: 63104 OPTIONS\r\nContent-Length: 0\r\n\r\n";
    sipparse_hdr hdrs[16];
    sipparse_msg m;
    sipparse_msg_init(&m, hdrs, 16, 0);
    if (sipparse_msg_parse(&m, msg, strlen(msg)) != SIPPARSE_OK) return 1;
    sipparse_nameaddr from;
    const sipparse_hdr *h = sipparse_msg_hdr(&m, SIPPARSE_HDR_FROM);
    if (!h || sipparse_nameaddr_parse(h->value.ptr, h->value.len, &from, NULL) != SIPPARSE_OK)
        return 1;
    printf("%s %.*s %u %s\n", sipparse_version(), (int)from.tag.len, from.tag.ptr, m.nhdrs,
           sipparse_method_str(m.method));
    return 0;
}
C
export PKG_CONFIG_PATH="$root/lib/pkgconfig" PKG_CONFIG_SYSROOT_DIR="$dest"
cflags=$(pkg-config --cflags libsipparse) || fail "pkg-config does not know libsipparse"
libs=$(pkg-config --libs libsipparse)
[ "$(pkg-config --modversion libsipparse)" = 0.1.0 ] || fail "libsipparse.pc: wrong version"
want="0.1.0 1928301774 7 OPTIONS"
# shellcheck disable=SC2086 # flags are words
${CC:-cc} -std=c11 -Wall -Werror $cflags -o "$dest/consumer" "$dest/consumer.c" $libs
got=$(LD_LIBRARY_PATH="$root/lib" "$dest/consumer") || fail "the consumer (shared) failed"
[ "$got" = "$want" ] || fail "the consumer (shared) printed '$got', not '$want'"
ldd_out=$(LD_LIBRARY_PATH="$root/lib" ldd "$dest/consumer")
case $ldd_out in *"$root/lib/libsipparse.so.0"*) ;; *) fail "consumer not linked to the installed libsipparse.so.0";; esac
# shellcheck disable=SC2086
${CC:-cc} -std=c11 -Wall -Werror $cflags -o "$dest/consumer-static" "$dest/consumer.c" \
    "$root/lib/libsipparse.a"
got=$("$dest/consumer-static") || fail "the consumer (static) failed"
[ "$got" = "$want" ] || fail "the consumer (static) printed '$got', not '$want'"

"$root/bin/sipparse" --version > /dev/null || fail "the installed sipparse does not run"
warnings=$(groff -man -Tutf8 -ww -z "$root/share/man/man1/sipparse.1" 2>&1) ||
    fail "groff cannot format the man page"
[ -z "$warnings" ] || fail "the man page has groff warnings: $warnings"
echo "test-install: $(echo "$exports" | wc -l) exports, all sipparse_*; SONAME $soname; consumer built with pkg-config, shared and static; tool and man page in place"
rm -rf "$dest"
