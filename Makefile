# The two commands: `make` builds every leaflet into out/, `make test` runs
# the test suite (and `make release` makes out/release/). All first install
# the Debian packages that are missing.

BUILD_DIR   ?= build
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
LEAFLETS     = $(BUILD_DIR)/leaflets

# Everything the build and the tests need, from Debian 12.
PACKAGES = cmake g++ make pkg-config git \
           libxml2-dev libpango1.0-dev libcairo2-dev libharfbuzz-dev libfontconfig-dev \
           libqpdf-dev libpoppler-cpp-dev libgtest-dev libfmt-dev libcli11-dev \
           libhyphen-dev hyphen-ru hyphen-en-us nettle-dev \
           libarchive-dev nlohmann-json3-dev libyaml-cpp-dev \
           libhunspell-dev hunspell-kk \
           librsvg2-dev libqrencode-dev libpng-dev libjpeg-dev liblcms2-dev libisal-dev \
           icc-profiles-free argyll libzbar-dev \
           fonts-paratype poppler-utils qpdf ghostscript \
           libsoup-3.0-dev chromium
# Only `make test-fuzz` needs clang's libFuzzer.
FUZZ_PACKAGES = clang libclang-rt-14-dev llvm

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all leaflets release test test-sanitize test-fuzz deps configure compile update-goldens clean

all: leaflets

leaflets: compile
	$(LEAFLETS) build

# Every leaflet, variant and format built afresh into one archive with its
# manifest, out/release/, then the archive checked against the manifest.
release: compile
	$(LEAFLETS) release --werror
	$(LEAFLETS) verify out/release/manifest.json

test: compile
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

# The whole suite under AddressSanitizer + UndefinedBehaviorSanitizer, in
# build-sanitize (the "sanitize" preset). Leaks count; tests/lsan.supp holds
# third-party suppressions only.
SANITIZE_DIR = build-sanitize
SANITIZER_ENV = ASAN_OPTIONS=halt_on_error=1:detect_leaks=1:strict_string_checks=1:detect_stack_use_after_return=1 \
                UBSAN_OPTIONS=halt_on_error=1:print_stacktrace=1 \
                LSAN_OPTIONS=suppressions=$(CURDIR)/tests/lsan.supp:print_suppressions=0

test-sanitize: deps
	@[ -f $(SANITIZE_DIR)/CMakeCache.txt ] || cmake --preset sanitize -B $(SANITIZE_DIR)
	$(SANITIZER_ENV) cmake --build $(SANITIZE_DIR) -j $(JOBS)
	$(SANITIZER_ENV) ctest --test-dir $(SANITIZE_DIR) --output-on-failure -j $(JOBS)

# libFuzzer (clang): each target for FUZZ_SECONDS, seeded from sources/,
# styles/ and tests/bad/; the corpus grows in build-fuzz/corpus/<target>/,
# findings land in build-fuzz/findings/.
FUZZ_DIR     = build-fuzz
FUZZ_SECONDS ?= 60
FUZZ_TARGETS = fuzz_xml:sources fuzz_source:sources fuzz_styles:styles fuzz_art:sources/art

test-fuzz: deps
	@$(MAKE) --no-print-directory deps PACKAGES="$(FUZZ_PACKAGES)"
	@[ -f $(FUZZ_DIR)/CMakeCache.txt ] || cmake --preset fuzz -B $(FUZZ_DIR)
	cmake --build $(FUZZ_DIR) -j $(JOBS) --target fuzz_xml fuzz_source fuzz_styles fuzz_art
	@mkdir -p $(FUZZ_DIR)/findings
	@for pair in $(FUZZ_TARGETS); do \
	  target=$${pair%%:*}; seeds=$${pair#*:}; \
	  mkdir -p $(FUZZ_DIR)/corpus/$$target; \
	  echo "fuzzing $$target for $(FUZZ_SECONDS) s"; \
	  $(SANITIZER_ENV) $(FUZZ_DIR)/tests/fuzz/$$target -max_total_time=$(FUZZ_SECONDS) -timeout=10 -rss_limit_mb=2048 \
	    -dict=tests/fuzz/xml.dict -artifact_prefix=$(FUZZ_DIR)/findings/$$target- -print_final_stats=1 \
	    $(FUZZ_DIR)/corpus/$$target $$seeds tests/bad || exit 1; \
	done

# Quiet when every package is present; apt-get only for the missing ones.
deps:
	@missing=$$(for p in $(PACKAGES); do \
	    dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q '^install ok installed$$' || echo $$p; \
	  done); \
	if [ -n "$$missing" ]; then \
	  echo "installing:" $$missing; \
	  $(SUDO) apt-get update -qq && \
	  DEBIAN_FRONTEND=noninteractive $(SUDO) apt-get install -y -qq --no-install-recommends $$missing; \
	fi

configure: deps
	@[ -f $(BUILD_DIR)/CMakeCache.txt ] || cmake --preset default -B $(BUILD_DIR)

compile: configure
	cmake --build $(BUILD_DIR) -j $(JOBS)

# Rewrites the golden files from the current output; review `git diff tests/golden`.
update-goldens: compile
	LEAFLET_UPDATE_GOLDENS=1 ctest --test-dir $(BUILD_DIR) -R 'Golden|Expectation|BadInput' --output-on-failure

clean:
	rm -rf $(BUILD_DIR) out
