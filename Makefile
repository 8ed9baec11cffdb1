# The two commands: `make` builds every leaflet into out/, `make test` runs
# the test suite. Both first install the Debian packages that are missing.

BUILD_DIR   ?= build
JOBS        ?= $(shell nproc 2>/dev/null || echo 2)
LEAFLETS     = $(BUILD_DIR)/leaflets

# Everything the build and the tests need, from Debian 12.
PACKAGES = cmake g++ make pkg-config git \
           libxml2-dev libpango1.0-dev libcairo2-dev libharfbuzz-dev libfontconfig-dev \
           libqpdf-dev libpoppler-cpp-dev libgtest-dev libfmt-dev libcli11-dev \
           fonts-paratype poppler-utils qpdf

SUDO := $(shell [ "$$(id -u)" = 0 ] || echo sudo)

.PHONY: all leaflets test deps configure compile update-goldens clean

all: leaflets

leaflets: compile
	$(LEAFLETS) build

test: compile
	ctest --test-dir $(BUILD_DIR) --output-on-failure -j $(JOBS)

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
	LEAFLET_UPDATE_GOLDENS=1 ctest --test-dir $(BUILD_DIR) -R golden --output-on-failure

clean:
	rm -rf $(BUILD_DIR) out
