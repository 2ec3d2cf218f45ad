# sipparse: `make demo` runs the tool on a bundled capture, `make check` runs every test.
# Both install missing Debian packages first (`make deps`), so a bare machine needs nothing else.

BUILD   ?= build
GEN     := $(BUILD)/gen
OBJ     := $(BUILD)/obj
PREFIX  ?= /usr/local
DESTDIR ?=
CC      ?= cc
RE2C    ?= re2c

VERSION     := 0.1.0
SONAME      := libsipparse.so.0
WARN        := -Wall -Wextra -Werror -Wshadow -Wstrict-prototypes -Wmissing-prototypes
OPT         ?= -O2 -g
SAN         ?=
# Several parsers zero a result struct per value (200-350 bytes; the message's
# Request-URI, the event and auth headers, any value that fails). GCC does that with
# `rep stos` on x86-64, whose start-up cost was a tenth of the full parse's time; vector
# stores do the same job in a few cycles. Only where the compiler takes the option.
MEMSET_OPT  := $(shell $(CC) -mmemset-strategy=vector_loop:2048:noalign,libcall:-1:noalign \
                 -Werror -c -x c /dev/null -o /dev/null 2>/dev/null && \
                 echo -mmemset-strategy=vector_loop:2048:noalign,libcall:-1:noalign)
# No padding before loops and jump targets: the matchers are thousands of small states,
# and the padding spread a message's hot path over more instruction cache lines (the
# full parse's simulated L1i misses 37 -> 21 a message, 1-3% less time; bench/README.md).
CODE_ALIGN  := $(shell $(CC) -falign-loops=1 -falign-jumps=1 -falign-labels=1 \
                 -Werror -c -x c /dev/null -o /dev/null 2>/dev/null && \
                 echo -falign-loops=1 -falign-jumps=1 -falign-labels=1)
BASE_CFLAGS := -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(MEMSET_OPT) $(CODE_ALIGN) $(SAN) -fPIC \
               -fvisibility=hidden -Ilibsipparse/include -I$(GEN)/include -Ilibsipparse/src -Igrammar
# Generated C trips warnings about code re2c writes (unused labels, fallthrough):
# relaxed for those objects only.
GEN_WARN    := -Wall -Wno-maybe-uninitialized -Wno-unused-label -Wno-unused-variable -Wno-implicit-fallthrough -Wno-unused-but-set-variable
LDLIBS_SAN  := $(SAN)

# --- Debian packages -------------------------------------------------------------------
DEB_BUILD := re2c ragel libpcap-dev check libjansson-dev zlib1g-dev pkg-config clang \
             libclang-rt-14-dev valgrind tshark groff-base
DEB_BENCH := libosip2-dev libsofia-sip-ua-dev libre-dev valgrind
SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

define apt_install
	@missing=$$(for p in $(1); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q 'install ok installed' || echo $$p; done); \
	if [ -n "$$missing" ]; then \
	  echo "installing Debian packages:$$missing"; \
	  $(SUDO) apt-get update -qq && DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq $$missing >/dev/null; \
	fi
endef

.PHONY: all deps bench-deps lib tool demo check test-unit test-asan test-cli test-install bench install clean fuzz \
        captures captures-check

all: lib tool

# tshark asks whether non-root users may capture: answered (no) before it can ask.
deps:
	@echo "wireshark-common wireshark-common/install-setuid boolean false" | \
	  $(SUDO) debconf-set-selections 2>/dev/null || true
	$(call apt_install,$(DEB_BUILD))

bench-deps: deps
	$(call apt_install,$(DEB_BENCH))

# --- generated sources -----------------------------------------------------------------
GRAMMAR_RE  := $(filter-out grammar/sip_core.re,$(wildcard grammar/*.re))
GEN_C       := $(patsubst grammar/%.re,$(GEN)/%.c,$(GRAMMAR_RE))
# The hand-written sources, defined before any rule that lists them: make expands a
# rule's prerequisites when it reads the rule, and the profile's stamp (below) comes
# before the library and tool sections.
LIB_SRC     := $(wildcard libsipparse/src/*.c)
TOOL_SRC    := $(wildcard tools/sipparse/*.c)
IDS_H       := $(GEN)/include/sipparse/ids.h
TABLES_RE   := $(GEN)/tables.re
# Generated C stays after the build (it is read when debugging the grammar).
.SECONDARY: $(GEN_C) $(TABLES_RE)

$(IDS_H) $(TABLES_RE): grammar/headers.def grammar/methods.def grammar/gen_tables.awk
	@mkdir -p $(GEN)/include/sipparse
	awk -v OUT_H=$(IDS_H) -v OUT_RE=$(TABLES_RE) -f grammar/gen_tables.awk grammar/headers.def grammar/methods.def

# Deterministic output (no date, no version), so two builds produce the same bytes.
$(GEN)/%.c: grammar/%.re grammar/sip_core.re $(TABLES_RE)
	@mkdir -p $(GEN)
	$(RE2C) -b -W -Werror -Wno-nondeterministic-tags --no-generation-date --no-version -i -I grammar -I $(GEN) $< -o $@

# --- profile-guided build (gcc, `make PGO=1`) ------------------------------------------
# The library and the tool are compiled twice. First with counters, into $(PGO_DIR): that
# build's sipparse reads every file of corpus/, checked and as JSON, then counted only.
# Then for real, with the counts of that run: the same code, with the paths SIP messages
# take laid out straight and the rare ones moved aside. The full parse takes about a
# fifth less time (bench/README.md). Training uses corpus/, never bench/messages, so
# the benchmark does not time the messages the compiler was trained on.
# -fprofile-partial-training keeps what the corpus never reached optimised as usual.
# The default for `make bench` only: the counting build of the generated matchers takes
# minutes (gcc is slow on their large functions once they carry counters). `make bench
# PGO=0` measures the plain build.
# The counts are read by object name (-dumpdir): $(PGO_DIR)/obj/lib/msg.gcda for
# $(OBJ)/lib/msg.o. Both passes compile the same generated files ($(GEN)), so gcc's
# checksums (which include the source's path) agree. gcc only; not with SAN.
PGO_DIR  := $(BUILD)/pgo
PGO      ?= $(if $(filter bench,$(MAKECMDGOALS)),1,0)
PGO_FLAGS ?=
PGO_LINK  ?=
ifeq ($(PGO),1)
ifneq ($(SAN),)
$(error PGO=1 does not combine with SAN)
endif
ifeq ($(shell $(CC) -v 2>&1 | grep -c '^gcc version'),0)
$(error PGO=1 needs gcc; CC is $(CC))
endif
PGO_JOBS  := $(shell nproc 2>/dev/null || echo 1)
PGO_STAMP := $(PGO_DIR)/trained
PGO_FLAGS  = -fprofile-use -fprofile-partial-training -Wno-missing-profile \
             -dumpdir $(PGO_DIR)/obj/$(notdir $(patsubst %/,%,$(dir $@)))/
PGO_TRAIN  = $(sort $(filter-out %.md %.tsv,$(shell find corpus -type f)))
PGO_SRC    = $(LIB_SRC) $(GEN_C) $(TOOL_SRC) $(wildcard libsipparse/include/sipparse/*.h \
             libsipparse/src/*.h tools/sipparse/*.h)

# sipparse goes on past a file it cannot read and exits 0, 1 (findings) or 2 (the
# corpus's deliberately unreadable files); a crash (128 and above) fails the build.
$(PGO_STAMP): $(PGO_SRC) $(PGO_TRAIN) $(IDS_H)
	@$(MAKE) --no-print-directory -j$(PGO_JOBS) BUILD=$(PGO_DIR) GEN=$(GEN) PGO=0 \
	  PGO_FLAGS="-fprofile-generate -fprofile-update=single" PGO_LINK=-fprofile-generate \
	  $(PGO_DIR)/sipparse
	@find $(PGO_DIR)/obj -name '*.gcda' -delete
	@echo "pgo: training on $(words $(PGO_TRAIN)) corpus files"
	@for mode in "--check -T json" "-q --stats"; do \
	  $(PGO_DIR)/sipparse $$mode $(PGO_TRAIN) >/dev/null 2>&1; \
	  [ $$? -lt 128 ] || { echo "pgo: sipparse $$mode crashed on corpus/" >&2; exit 1; }; \
	done
	@touch $@
endif

# Objects are compiled again when the flags change (OPT, CFLAGS, PGO=1 and back): the
# file changes only then, so an unchanged build stays up to date.
FLAGS_FILE := $(BUILD)/flags
FLAGS_NOW  := $(CC) $(BASE_CFLAGS) $(CFLAGS) PGO=$(PGO) $(PGO_FLAGS)
$(FLAGS_FILE): FORCE
	@mkdir -p $(BUILD)
	@echo '$(FLAGS_NOW)' | cmp -s - $@ || echo '$(FLAGS_NOW)' > $@
.PHONY: FORCE
FORCE:

# --- library ---------------------------------------------------------------------------
LIB_OBJ  := $(patsubst libsipparse/src/%.c,$(OBJ)/lib/%.o,$(LIB_SRC)) \
            $(patsubst $(GEN)/%.c,$(OBJ)/gen/%.o,$(GEN_C))
LIB_A    := $(BUILD)/libsipparse.a
LIB_SO   := $(BUILD)/libsipparse.so.$(VERSION)

$(OBJ)/lib/%.o: libsipparse/src/%.c $(IDS_H) $(wildcard libsipparse/include/sipparse/*.h libsipparse/src/*.h) $(PGO_STAMP) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PGO_FLAGS) $(WARN) $(CFLAGS) -c $< -o $@

$(OBJ)/gen/%.o: $(GEN)/%.c $(IDS_H) $(wildcard libsipparse/include/sipparse/*.h libsipparse/src/*.h) $(PGO_STAMP) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PGO_FLAGS) $(GEN_WARN) $(CFLAGS) -c $< -o $@

$(LIB_A): $(LIB_OBJ)
	rm -f $@; ar rcs $@ $^

$(LIB_SO): $(LIB_OBJ) libsipparse/libsipparse.map
	$(CC) -shared -Wl,-soname,$(SONAME) -Wl,--version-script=libsipparse/libsipparse.map $(SAN) \
	  -o $@ $(LIB_OBJ)
	ln -sf libsipparse.so.$(VERSION) $(BUILD)/$(SONAME)
	ln -sf libsipparse.so.$(VERSION) $(BUILD)/libsipparse.so

lib: deps-quiet $(LIB_A) $(LIB_SO)

# deps-quiet: a build on a machine that has the packages never calls apt.
.PHONY: deps-quiet
deps-quiet:
	@command -v $(RE2C) >/dev/null || $(MAKE) --no-print-directory deps

# --- tool ------------------------------------------------------------------------------
TOOL_OBJ := $(patsubst tools/sipparse/%.c,$(OBJ)/tool/%.o,$(TOOL_SRC))
TOOL     := $(BUILD)/sipparse
TOOL_LIBS := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson) \
             $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)

# libpcap's headers use the BSD types (u_int, u_char) that strict POSIX mode hides.
TOOL_CFLAGS := -D_DEFAULT_SOURCE $(shell pkg-config --cflags libpcap 2>/dev/null)

$(OBJ)/tool/%.o: tools/sipparse/%.c $(IDS_H) $(wildcard libsipparse/include/sipparse/*.h tools/sipparse/*.h) $(PGO_STAMP) $(FLAGS_FILE)
	@mkdir -p $(dir $@)
	$(CC) $(BASE_CFLAGS) $(PGO_FLAGS) $(TOOL_CFLAGS) $(WARN) $(CFLAGS) -c $< -o $@

$(TOOL): $(TOOL_OBJ) $(LIB_A)
	$(CC) $(SAN) $(PGO_LINK) -o $@ $(TOOL_OBJ) $(LIB_A) $(TOOL_LIBS)

tool: lib $(TOOL)

# --- generated test captures ------------------------------------------------------------
# tests/captures/gencap.c writes corpus/pcap-generated/gen_*.pcap byte for byte the same
# each run. `make captures` regenerates them and their GENERATED.tsv rows; captures-check
# (run by test-cli) fails when the committed files differ from what gencap writes now.
GENCAP     := $(BUILD)/gencap
GENCAP_DIR := corpus/pcap-generated

$(GENCAP): tests/captures/gencap.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L $(OPT) $(WARN) $(CFLAGS) -o $@ $<

captures: $(GENCAP)
	$(GENCAP) $(GENCAP_DIR) >$(BUILD)/gencap.rows
	bash tests/captures/rows.sh $(GENCAP_DIR) $(BUILD)/gencap.rows

captures-check: $(GENCAP)
	@tmp=$$(mktemp -d); trap 'rm -rf "$$tmp"' EXIT; \
	$(GENCAP) "$$tmp" >/dev/null || exit 1; \
	for f in "$$tmp"/gen_*.pcap $(GENCAP_DIR)/gen_*.pcap; do \
	  b=$$(basename "$$f"); \
	  cmp -s "$$tmp/$$b" "$(GENCAP_DIR)/$$b" || { echo "captures-check: $$b differs from what gencap writes (make captures)"; exit 1; }; \
	done; \
	echo "captures-check: $$(ls "$$tmp" | wc -l) generated captures match"

# --- the two README commands -----------------------------------------------------------
# A real call over TCP (INVITE, 100, 180, 200, ACK, BYE, 200 among 84 packets; provenance
# in corpus/pcap-public/PCAPS.tsv): one line per message with the validation and the
# counts, then the same messages as JSON.
DEMO_INPUT ?= corpus/pcap-public/heplify__sip_ipv4_tcp.pcap

demo: deps
	@$(MAKE) --no-print-directory all
	$(TOOL) --check --stats $(DEMO_INPUT)
	$(TOOL) -T json $(DEMO_INPUT)

check: deps
	@$(MAKE) --no-print-directory all
	@$(MAKE) --no-print-directory test-unit
	@$(MAKE) --no-print-directory test-tools
	@$(MAKE) --no-print-directory test-install
	@$(MAKE) --no-print-directory test-cli
	@$(MAKE) --no-print-directory test-tshark
	@$(MAKE) --no-print-directory test-conformance
	@$(MAKE) --no-print-directory test-asan
	@$(MAKE) --no-print-directory fuzz-replay
	@echo "make check: all test stages passed"

# --- tests -----------------------------------------------------------------------------
TEST_SRC := $(wildcard tests/*.c)
CHECK_LIBS := $(shell pkg-config --libs check 2>/dev/null || echo -lcheck -lsubunit -lm -lrt -lpthread)

$(BUILD)/check_all: $(TEST_SRC) $(wildcard tests/*.h) $(LIB_A)
	$(CC) $(BASE_CFLAGS) $(WARN) -Wno-missing-prototypes $(CFLAGS) -Itests -o $@ $(TEST_SRC) $(LIB_A) $(CHECK_LIBS)

test-unit: $(BUILD)/check_all
	$(BUILD)/check_all

# make install into a scratch DESTDIR, then the installed tree used as a user would.
test-install: all
	sh tests/install/run.sh $(BUILD)

test-cli: $(TOOL) captures-check
	bash tests/cli/run.sh $(TOOL)

# sipparse against tshark on every corpus capture; each disagreement is explained in
# tests/tshark/DIVERGENCES.md (NODE and node-deps: tests/conformance/conformance.mk).
.PHONY: test-tshark
test-tshark: $(TOOL)
	@command -v tshark >/dev/null || $(MAKE) --no-print-directory deps
	@command -v $(NODE) >/dev/null || $(MAKE) --no-print-directory node-deps
	$(NODE) tests/tshark/compare.js $(TOOL)

# The same unit tests built with ASan and UBSan in their own build directory, in one
# process (CK_FORK=no): a fork per test under ASan took 12 minutes, one process 35
# seconds. Any sanitizer report or fault aborts the run and fails it; the plain unit run
# keeps Check's fork per test, which names the test that faulted.
test-asan:
	@$(MAKE) --no-print-directory BUILD=$(BUILD)/asan PGO=0 OPT="-O1 -g -fno-omit-frame-pointer" \
	  SAN="-fsanitize=address,undefined -fno-sanitize-recover=all" $(BUILD)/asan/check_all
	CK_FORK=no ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 \
	  $(BUILD)/asan/check_all

# --- the WebSocket and HEP decoders and the JSON writer on their own (tests/tools/) ---
# ws.c and hep.c inflate with zlib, so the tool links it too. The test program is small:
# it is always built with ASan and UBSan, and reads the captures in corpus/. The JSON
# writer's tests compare it with jansson.
TOOL_LIBS += $(shell pkg-config --libs zlib 2>/dev/null || echo -lz)
TEST_TOOLS_SRC := $(wildcard tests/tools/*.c) tools/sipparse/ws.c tools/sipparse/hep.c \
                  tools/sipparse/jsonw.c tools/sipparse/utf8.c
.PHONY: test-tools
$(BUILD)/test_ws_hep: $(TEST_TOOLS_SRC) $(wildcard tests/tools/*.h) tools/sipparse/ws.h tools/sipparse/hep.h \
                      tools/sipparse/jsonw.h tools/sipparse/utf8.h
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O1 -g -fno-omit-frame-pointer \
	  -fsanitize=address,undefined -fno-sanitize-recover=all $(WARN) -o $@ $(TEST_TOOLS_SRC) -lz \
	  $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
test-tools: $(BUILD)/test_ws_hep
	ASAN_OPTIONS=detect_leaks=1:abort_on_error=1 UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1 $(BUILD)/test_ws_hep

# --- benchmark (not a test) --------------------------------------------------------------
bench: bench-deps all
	@$(MAKE) --no-print-directory -C bench BUILD=$(abspath $(BUILD)) LIB_A=$(abspath $(LIB_A)) \
	  INC="-I$(abspath libsipparse/include) -I$(abspath $(IDS_H)/../..)"
	@$(BUILD)/bench/sipparse_bench bench/messages > $(BUILD)/bench/results.txt; st=$$?; \
	  cat $(BUILD)/bench/results.txt; \
	  sh bench/plot.sh $(BUILD)/bench/results.txt $(BUILD)/bench/ns_per_msg.svg && \
	  echo "bench: plot in $(BUILD)/bench/ns_per_msg.svg"; exit $$st
	bash bench/capture/run.sh $(BUILD)

# The capture benchmark's two helpers: the capture writer and the bare libpcap loop.
BENCH_CAP := $(BUILD)/bench/capture
bench: $(BENCH_CAP)/gen_capture $(BENCH_CAP)/pcap_loop
$(BENCH_CAP)/gen_capture: bench/capture/gen_capture.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) -o $@ $<
$(BENCH_CAP)/pcap_loop: bench/capture/pcap_loop.c
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -O2 $(WARN) $(TOOL_CFLAGS) -o $@ $< $(shell pkg-config --libs libpcap 2>/dev/null || echo -lpcap)

# --- install -------------------------------------------------------------------------------
install: all
	install -d $(DESTDIR)$(PREFIX)/include/sipparse $(DESTDIR)$(PREFIX)/lib/pkgconfig \
	  $(DESTDIR)$(PREFIX)/bin $(DESTDIR)$(PREFIX)/share/man/man1
	install -m 644 libsipparse/include/sipparse/*.h $(IDS_H) $(DESTDIR)$(PREFIX)/include/sipparse/
	install -m 644 $(LIB_A) $(DESTDIR)$(PREFIX)/lib/
	install -m 755 $(LIB_SO) $(DESTDIR)$(PREFIX)/lib/
	ln -sf libsipparse.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/$(SONAME)
	ln -sf libsipparse.so.$(VERSION) $(DESTDIR)$(PREFIX)/lib/libsipparse.so
	sed -e 's|@PREFIX@|$(PREFIX)|' -e 's|@VERSION@|$(VERSION)|' libsipparse/libsipparse.pc.in \
	  > $(DESTDIR)$(PREFIX)/lib/pkgconfig/libsipparse.pc
	install -m 755 $(TOOL) $(DESTDIR)$(PREFIX)/bin/
	install -m 644 tools/sipparse/sipparse.1 $(DESTDIR)$(PREFIX)/share/man/man1/

clean:
	rm -rf $(BUILD)

# --- fuzzing (fuzz/README.md) ------------------------------------------------------------
include fuzz/fuzz.mk
include tests/conformance/conformance.mk
