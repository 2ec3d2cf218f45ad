# tests/conformance/conformance.mk: the JsSIP differential test (tests/conformance/README.md).
# Included by the top-level Makefile, which defines BUILD, CC, LIB_A and SAN; on its own:
#   make -f Makefile -f tests/conformance/conformance.mk test-conformance

CONF_DIR    := tests/conformance
CONF_DRIVER := $(BUILD)/conformance/driver
# npm ci runs again when the lock file (or package.json) is newer than this stamp.
CONF_STAMP  := $(CONF_DIR)/node_modules/.sipparse-npm-ci
CONF_LIBS   := $(shell pkg-config --libs jansson 2>/dev/null || echo -ljansson)
NODE        ?= node
NPM         ?= npm

.PHONY: test-conformance conformance-deps node-deps

# Node.js and npm from Debian when the machine has none (a machine that already has
# them, from Debian or elsewhere, keeps its own).
node-deps:
	$(call apt_install,nodejs npm)

$(CONF_STAMP): $(CONF_DIR)/package.json $(CONF_DIR)/package-lock.json
	@command -v $(NODE) >/dev/null && command -v $(NPM) >/dev/null || \
	  $(MAKE) --no-print-directory node-deps
	cd $(CONF_DIR) && $(NPM) ci --no-audit --no-fund --loglevel=error
	@touch $@

conformance-deps: $(CONF_STAMP)

$(CONF_DRIVER): $(CONF_DIR)/driver.c $(LIB_A) $(wildcard libsipparse/include/sipparse/*.h)
	@mkdir -p $(dir $@)
	$(CC) -std=c11 -D_POSIX_C_SOURCE=200809L -O2 -g $(SAN) -Wall -Wextra -Werror -Wshadow \
	  -Wstrict-prototypes -Wmissing-prototypes -Ilibsipparse/include -I$(BUILD)/gen/include \
	  -o $@ $< $(LIB_A) $(CONF_LIBS)

test-conformance: lib $(CONF_STAMP) $(CONF_DRIVER)
	$(NODE) $(CONF_DIR)/compare.js --driver $(CONF_DRIVER) --root .
