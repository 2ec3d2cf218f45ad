# fuzz/fuzz.mk: fuzzing harnesses for libsipparse (see fuzz/README.md).
#
# Included from the top-level Makefile after its library rules; uses BUILD, GEN and
# the `lib` target from there. Targets:
#   make fuzz                          every harness with libFuzzer + ASan + UBSan
#   make fuzz-run T=msg SECONDS=300    fuzz one target (T=fuzz_msg works too)
#   make fuzz-replay                   seeds + fuzz/regressions/ once, then a short run each
#   make fuzz-afl                      the same harnesses for AFL++
#   make fuzz-afl-run T=msg SECONDS=300
#   make fuzz-cov                      line and region coverage of each target's corpus
#   make fuzz-deps                     clang, its fuzzer runtime and afl++ (Debian)
# The generated DFAs are compiled for AFL++ at -O0: afl-clang-fast's instrumentation at
# -O1 spends up to 20 minutes on one of them (about 2 hours for the set on the project's
# machine), at -O0 seconds. The libFuzzer build keeps -O1.
# The library is compiled here again, with clang and the sanitizers, into $(BUILD)/fuzz.

FUZZ_TARGETS := fuzz_msg fuzz_header fuzz_uri fuzz_nameaddr fuzz_frame fuzz_roundtrip fuzz_uri_obj \
                fuzz_har fuzz_ws fuzz_hep fuzz_tcp fuzz_pcap
FUZZ_DIR     ?= $(BUILD)/fuzz
FUZZ_CC      ?= clang
FUZZ_AFL_CC  ?= afl-clang-fast
FUZZ_DICT    := fuzz/sip.dict

FUZZ_INC     := -std=c11 -D_POSIX_C_SOURCE=200809L -Ilibsipparse/include -I$(GEN)/include \
                -Ilibsipparse/src -Igrammar
# -fno-sanitize-recover: a UBSan report ends the run like an ASan one, so the fuzzer
# keeps the input.
FUZZ_SAN     ?= -fsanitize=address,undefined -fno-sanitize-recover=all
FUZZ_CFLAGS  := $(FUZZ_INC) -g -O1 -fno-omit-frame-pointer $(FUZZ_SAN)
FUZZ_WARN    := -Wall -Wextra -Wshadow -Wstrict-prototypes -Wmissing-prototypes

# The library's own sources and the C that re2c generates from grammar/*.re (the
# top-level rules generate it; listed from grammar/ so a clean tree works).
FUZZ_LIB_SRC := $(wildcard libsipparse/src/*.c)
FUZZ_GEN_SRC := $(patsubst grammar/%.re,$(GEN)/%.c,$(filter-out grammar/sip_core.re,$(wildcard grammar/*.re)))
FUZZ_IDS_H   := $(GEN)/include/sipparse/ids.h
FUZZ_LIB_DEP := $(FUZZ_IDS_H) $(wildcard libsipparse/include/sipparse/*.h libsipparse/src/*.h) grammar/headers.def
FUZZ_COMMON  := fuzz/fuzz_common.h fuzz/fuzz_tool.h

# Library objects for one flavour: $(1) lf or afl.
fuzz_lib_objs = $(patsubst libsipparse/src/%.c,$(FUZZ_DIR)/obj/$(1)/lib/%.o,$(FUZZ_LIB_SRC)) \
                $(patsubst $(GEN)/%.c,$(FUZZ_DIR)/obj/$(1)/gen/%.o,$(FUZZ_GEN_SRC))
FUZZ_LF_LIB  := $(call fuzz_lib_objs,lf)
FUZZ_AFL_LIB := $(call fuzz_lib_objs,afl)
FUZZ_COV_LIB := $(call fuzz_lib_objs,cov)


# --- harnesses of the capture tool (tools/sipparse) --------------------------------------
# fuzz_har, fuzz_ws, fuzz_hep, fuzz_tcp and fuzz_pcap drive the tool's decoders. They link
# its files but those that read files and options (main, capture, capsrc, pcapng, progress,
# input, element), compiled as the top-level Makefile compiles them (TOOL_CFLAGS), with
# its libraries (TOOL_LIBS). fuzz_pcap reads capture files, so it has the readers too.
FUZZ_TOOL_TARGETS := fuzz_har fuzz_ws fuzz_hep fuzz_tcp fuzz_pcap
FUZZ_TOOL_SRC := $(filter-out $(addprefix tools/sipparse/,main.c capture.c capsrc.c pcapng.c progress.c \
                   input.c element.c), \
                   $(wildcard tools/sipparse/*.c))
FUZZ_TOOL_DEP := $(wildcard tools/sipparse/*.h) $(FUZZ_LIB_DEP)
fuzz_tool_objs = $(patsubst tools/sipparse/%.c,$(FUZZ_DIR)/obj/$(1)/tool/%.o,$(FUZZ_TOOL_SRC))
$(addprefix $(FUZZ_DIR)/,$(FUZZ_TOOL_TARGETS)): $(call fuzz_tool_objs,lf)
$(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_TOOL_TARGETS)): $(call fuzz_tool_objs,afl)
$(addprefix $(FUZZ_DIR)/cov/,$(FUZZ_TOOL_TARGETS)): $(call fuzz_tool_objs,cov)
fuzz_pcap_objs = $(patsubst %,$(FUZZ_DIR)/obj/$(1)/tool/%.o,capture capsrc pcapng progress input)
$(FUZZ_DIR)/fuzz_pcap: $(call fuzz_pcap_objs,lf)
$(FUZZ_DIR)/afl/fuzz_pcap: $(call fuzz_pcap_objs,afl)
$(FUZZ_DIR)/cov/fuzz_pcap: $(call fuzz_pcap_objs,cov)
$(foreach f,/ /afl/ /cov/,$(addprefix $(FUZZ_DIR)$(f),$(FUZZ_TOOL_TARGETS))): \
    FUZZ_LDLIBS := $(TOOL_LIBS)
$(foreach f,lf afl cov,$(patsubst %,$(FUZZ_DIR)/obj/$(f)/fuzz/%.o,$(FUZZ_TOOL_TARGETS))): \
    FUZZ_CFLAGS += $(TOOL_CFLAGS) -Itools/sipparse
# (the harnesses see the tool's structs: rebuilt when its headers change)
$(foreach f,lf afl cov,$(patsubst %,$(FUZZ_DIR)/obj/$(f)/fuzz/%.o,$(FUZZ_TOOL_TARGETS))): $(FUZZ_TOOL_DEP)
.SECONDARY: $(foreach f,lf afl cov,$(call fuzz_tool_objs,$(f)) $(call fuzz_pcap_objs,$(f)))

$(FUZZ_DIR)/obj/lf/tool/%.o: tools/sipparse/%.c $(FUZZ_TOOL_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(TOOL_CFLAGS) $(FUZZ_WARN) -fsanitize=fuzzer-no-link -c $< -o $@

FUZZ_BINS     := $(addprefix $(FUZZ_DIR)/,$(FUZZ_TARGETS))
FUZZ_AFL_BINS := $(addprefix $(FUZZ_DIR)/afl/,$(FUZZ_TARGETS))
FUZZ_COV_BINS := $(addprefix $(FUZZ_DIR)/cov/,$(FUZZ_TARGETS))
# Objects are made by chains of pattern rules; keep them, so a rebuild is incremental.
.SECONDARY: $(FUZZ_LF_LIB) $(FUZZ_AFL_LIB) \
            $(patsubst %,$(FUZZ_DIR)/obj/lf/fuzz/%.o,$(FUZZ_TARGETS) fuzz_common) \
            $(patsubst %,$(FUZZ_DIR)/obj/afl/fuzz/%.o,$(FUZZ_TARGETS) fuzz_common afl_driver) \
            $(FUZZ_COV_LIB) $(patsubst %,$(FUZZ_DIR)/obj/cov/fuzz/%.o,$(FUZZ_TARGETS) fuzz_common afl_driver)



# Seeds: the corpus messages, turned into each harness's input format by seedgen.
FUZZ_CORPUS  := $(wildcard corpus/rfc4475/*.dat corpus/rfc5118/*.dat corpus/rfc5118/wire/*.dat \
                           corpus/rfc-examples/*.sip)
FUZZ_HAR_SEEDS := $(wildcard corpus/har/*.har corpus/har/bad/*)
FUZZ_SEEDS   := $(FUZZ_DIR)/seeds
FUZZ_SEEDGEN := $(FUZZ_DIR)/seedgen

# A run: the target's growing corpus first (new inputs go there), then its seeds and
# regressions (read only). Crashes land in $(FUZZ_DIR)/artifacts/<target>/.
FUZZ_FLAGS          ?= -timeout=10 -rss_limit_mb=2048
FUZZ_REPLAY_RUNS ?= 100000
# fuzz_har runs a whole HAR file through the tool (a few hundred inputs a second), and
# fuzz_pcap a whole capture, some near 1 MB (about 150 a second).
FUZZ_HAR_REPLAY_RUNS ?= 10000
FUZZ_PCAP_REPLAY_RUNS ?= 10000
SECONDS             ?= 60
T                   ?= msg
FUZZ_T               = fuzz_$(patsubst fuzz_%,%,$(T))
FUZZ_ENV            := ASAN_OPTIONS=abort_on_error=1:detect_leaks=1 \
                       UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1

.PHONY: fuzz fuzz-run fuzz-replay fuzz-afl fuzz-afl-run fuzz-cov fuzz-deps fuzz-seeds

fuzz: fuzz-deps-lf lib $(FUZZ_BINS)

# --- libFuzzer build --------------------------------------------------------------------
$(FUZZ_DIR)/obj/lf/lib/%.o: libsipparse/src/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/lf/gen/%.o: $(GEN)/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) -fsanitize=fuzzer-no-link -c $< -o $@

$(FUZZ_DIR)/obj/lf/fuzz/%.o: fuzz/%.c $(FUZZ_COMMON) $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_CFLAGS) $(FUZZ_WARN) -fsanitize=fuzzer-no-link -c $< -o $@


$(FUZZ_DIR)/fuzz_%: $(FUZZ_DIR)/obj/lf/fuzz/fuzz_%.o $(FUZZ_DIR)/obj/lf/fuzz/fuzz_common.o $(FUZZ_LF_LIB)
	$(FUZZ_CC) -fsanitize=fuzzer $(FUZZ_SAN) -o $@ $^ $(FUZZ_LDLIBS)


# --- seeds ------------------------------------------------------------------------------
$(FUZZ_SEEDGEN): fuzz/seedgen.c $(BUILD)/libsipparse.a
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_INC) -O1 -g $(FUZZ_WARN) -o $@ $< $(BUILD)/libsipparse.a

$(FUZZ_SEEDS)/.stamp: $(FUZZ_SEEDGEN) $(FUZZ_CORPUS) $(FUZZ_HAR_SEEDS)
	rm -rf $(FUZZ_SEEDS)
	@echo "seedgen: $(words $(FUZZ_CORPUS)) corpus files -> $(FUZZ_SEEDS)"
	@$(FUZZ_SEEDGEN) $(FUZZ_SEEDS) $(FUZZ_CORPUS)
	@for t in $(FUZZ_TARGETS); do mkdir -p $(FUZZ_SEEDS)/$$t; done
	@cp $(FUZZ_HAR_SEEDS) $(FUZZ_SEEDS)/fuzz_har/
	@touch $@

fuzz-seeds: lib $(FUZZ_SEEDS)/.stamp
# fuzz_tcp's seeds are fuzz/regressions/fuzz_tcp/ (seedgen makes messages, not segment lists);
# the seeds directory must still exist for fuzz-run and fuzz-replay, also in a build
# tree whose seeds were made before this target existed.
fuzz-seeds: $(FUZZ_SEEDS)/fuzz_tcp
$(FUZZ_SEEDS)/fuzz_tcp: $(FUZZ_SEEDS)/.stamp
	mkdir -p $@
# fuzz_pcap's seeds are the corpus captures under 1 MiB (AFL++'s largest input) and the
# corpus messages (its raw-SIP path; named after their directory, as names repeat),
# copied in a step of their own for the same reason; its stamp stays outside the directory,
# as an empty seed is one AFL++ refuses.
FUZZ_PCAP_SEEDS := $(shell find corpus -name '*.pcap*' -size -1048576c | sort)
fuzz-seeds: $(FUZZ_SEEDS)/.fuzz_pcap.stamp
$(FUZZ_SEEDS)/.fuzz_pcap.stamp: $(FUZZ_SEEDS)/.stamp $(FUZZ_PCAP_SEEDS) $(FUZZ_CORPUS)
	mkdir -p $(FUZZ_SEEDS)/fuzz_pcap
	cp $(FUZZ_PCAP_SEEDS) $(FUZZ_SEEDS)/fuzz_pcap/
	@for f in $(FUZZ_CORPUS); do cp $$f $(FUZZ_SEEDS)/fuzz_pcap/$$(echo $$f | tr / _); done
	touch $@

# --- running ----------------------------------------------------------------------------
fuzz-run: fuzz fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/corpus/$(FUZZ_T) $(FUZZ_DIR)/artifacts/$(FUZZ_T) fuzz/regressions/$(FUZZ_T)
	$(FUZZ_ENV) $(FUZZ_DIR)/$(FUZZ_T) -dict=$(FUZZ_DICT) -max_total_time=$(SECONDS) \
	  -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$(FUZZ_T)/ $(FUZZ_FLAGS) \
	  $(FUZZ_DIR)/corpus/$(FUZZ_T) $(FUZZ_SEEDS)/$(FUZZ_T) fuzz/regressions/$(FUZZ_T)

# Every target: its seeds and regressions once (-runs=0), then FUZZ_REPLAY_RUNS inputs of
# fuzzing from a fixed seed into an empty scratch corpus. Counting runs instead of seconds,
# and ignoring what earlier local runs saved, gives a slow CI machine the same amount of
# fuzzing as a workstation. It is not bit-for-bit repeatable (libFuzzer's comparison
# tracing sees addresses), so this is a smoke test: the long runs of fuzz-run are what
# clear a target, and anything either finds goes to fuzz/regressions/. About 2 minutes in
# all; a failure prints the end of the target's log.
fuzz-replay: fuzz fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/logs
	@for t in $(FUZZ_TARGETS); do \
	  rm -rf $(FUZZ_DIR)/replay/$$t; mkdir -p $(FUZZ_DIR)/replay/$$t $(FUZZ_DIR)/artifacts/$$t; \
	  dirs="$(FUZZ_DIR)/replay/$$t $(FUZZ_SEEDS)/$$t fuzz/regressions/$$t"; \
	  log=$(FUZZ_DIR)/logs/$$t.log; \
	  if ! $(FUZZ_ENV) $(FUZZ_DIR)/$$t -runs=0 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ \
	       $(FUZZ_FLAGS) $$dirs > $$log 2>&1; then \
	    tail -n 60 $$log; echo "fuzz-replay: $$t failed on a saved input (log: $$log)"; exit 1; \
	  fi; \
	  runs=$(FUZZ_REPLAY_RUNS); if [ $$t = fuzz_har ]; then runs=$(FUZZ_HAR_REPLAY_RUNS); fi; \
	  if [ $$t = fuzz_pcap ]; then runs=$(FUZZ_PCAP_REPLAY_RUNS); fi; \
	  if ! $(FUZZ_ENV) $(FUZZ_DIR)/$$t -dict=$(FUZZ_DICT) -seed=1 -runs=$$runs \
	       -print_final_stats=1 -artifact_prefix=$(FUZZ_DIR)/artifacts/$$t/ $(FUZZ_FLAGS) \
	       $$dirs >> $$log 2>&1; then \
	    tail -n 60 $$log; echo "fuzz-replay: $$t found a crash (log: $$log)"; exit 1; \
	  fi; \
	  echo "fuzz-replay: $$t ok: $$(grep -o 'stat::number_of_executed_units: [0-9]*' $$log | tail -n 1 | sed 's/.*: //') runs, $$(grep -o 'cov: [0-9]* ft: [0-9]*' $$log | tail -n 1)"; \
	done

# --- AFL++ ------------------------------------------------------------------------------
$(FUZZ_DIR)/obj/afl/lib/%.o: libsipparse/src/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_AFL_CC) $(FUZZ_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/afl/gen/%.o: $(GEN)/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_AFL_CC) $(subst -O1,-O0,$(FUZZ_CFLAGS)) -c $< -o $@

$(FUZZ_DIR)/obj/afl/fuzz/%.o: fuzz/%.c $(FUZZ_COMMON) $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_AFL_CC) $(FUZZ_CFLAGS) $(FUZZ_WARN) -c $< -o $@

$(FUZZ_DIR)/obj/afl/tool/%.o: tools/sipparse/%.c $(FUZZ_TOOL_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_AFL_CC) $(FUZZ_CFLAGS) $(TOOL_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/afl/fuzz_%: $(FUZZ_DIR)/obj/afl/fuzz/fuzz_%.o $(FUZZ_DIR)/obj/afl/fuzz/fuzz_common.o \
                        $(FUZZ_DIR)/obj/afl/fuzz/afl_driver.o $(FUZZ_AFL_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_AFL_CC) $(FUZZ_SAN) -o $@ $^ $(FUZZ_LDLIBS)

fuzz-afl: fuzz-deps-lf fuzz-deps-afl lib $(FUZZ_AFL_BINS)

fuzz-afl-run: fuzz-afl fuzz-seeds
	@mkdir -p $(FUZZ_DIR)/afl-out
	AFL_SKIP_CPUFREQ=1 AFL_NO_UI=1 AFL_I_DONT_CARE_ABOUT_MISSING_CRASHES=1 \
	  afl-fuzz -i $(FUZZ_SEEDS)/$(FUZZ_T) -o $(FUZZ_DIR)/afl-out/$(FUZZ_T) -x $(FUZZ_DICT) \
	  -V $(SECONDS) -- $(FUZZ_DIR)/afl/$(FUZZ_T)

# --- coverage ---------------------------------------------------------------------------
# What the corpora reach: each harness built with clang's source-based coverage and the
# plain driver of afl_driver.c (no sanitizer, no fuzzer), run once on every input of its
# corpus, seeds and regressions; fuzz/coverage.sh prints line and region coverage of the
# library (and of the tool, for the tool's harnesses) per target and for all together,
# and writes an HTML report. -O0: the DFAs compile in seconds, and lines map 1:1.
FUZZ_COV_CFLAGS := $(FUZZ_INC) -g -O0 -fprofile-instr-generate -fcoverage-mapping
FUZZ_LLVM_COV      ?= llvm-cov-14
FUZZ_LLVM_PROFDATA ?= llvm-profdata-14

$(FUZZ_DIR)/obj/cov/lib/%.o: libsipparse/src/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/cov/gen/%.o: $(GEN)/%.c $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/obj/cov/fuzz/%.o: fuzz/%.c $(FUZZ_COMMON) $(FUZZ_LIB_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(filter -I% -D%,$(FUZZ_CFLAGS)) $(FUZZ_WARN) -c $< -o $@

$(FUZZ_DIR)/obj/cov/tool/%.o: tools/sipparse/%.c $(FUZZ_TOOL_DEP)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) $(FUZZ_COV_CFLAGS) $(TOOL_CFLAGS) -c $< -o $@

$(FUZZ_DIR)/cov/fuzz_%: $(FUZZ_DIR)/obj/cov/fuzz/fuzz_%.o $(FUZZ_DIR)/obj/cov/fuzz/fuzz_common.o \
                        $(FUZZ_DIR)/obj/cov/fuzz/afl_driver.o $(FUZZ_COV_LIB)
	@mkdir -p $(dir $@)
	$(FUZZ_CC) -fprofile-instr-generate -o $@ $^ $(FUZZ_LDLIBS)

fuzz-cov: fuzz-deps-lf fuzz-deps-cov lib fuzz-seeds $(FUZZ_COV_BINS)
	GEN=$(GEN) LLVM_COV=$(FUZZ_LLVM_COV) LLVM_PROFDATA=$(FUZZ_LLVM_PROFDATA) \
	  sh fuzz/coverage.sh $(FUZZ_DIR) $(FUZZ_TARGETS)

# --- Debian packages --------------------------------------------------------------------
# libFuzzer needs clang and its runtime (Debian 12: libclang-rt-14-dev); AFL++ is afl++.
# `fuzz` and `make check` install only the first two; `fuzz-deps` installs all three.
FUZZ_DEB_LF  := clang libclang-rt-14-dev
FUZZ_DEB_AFL := afl++
FUZZ_DEB_COV := llvm-14
# apt_install comes from the top-level Makefile, which includes this file.

.PHONY: fuzz-deps-lf fuzz-deps-afl fuzz-deps-cov
fuzz-deps-lf:
	$(call apt_install,$(FUZZ_DEB_LF))

fuzz-deps-afl:
	$(call apt_install,$(FUZZ_DEB_AFL))

fuzz-deps-cov:
	$(call apt_install,$(FUZZ_DEB_COV))

fuzz-deps: fuzz-deps-lf fuzz-deps-afl fuzz-deps-cov
