# fladaemon — every entry point a person or CI needs. `make test` and `make demo` work on a fresh Debian 12
# machine with Swift installed: `setup` installs the system packages that are missing.

SWIFT ?= swift
DEB_PACKAGES := libssh2-1-dev libssl-dev libsqlite3-dev libsystemd-dev libxml2-dev libxml2-utils zlib1g-dev \
                openssh-server openssh-client openssl systemd pkg-config
export DEBIAN_FRONTEND := noninteractive

.PHONY: setup build release test torture demo bench fuzz fuzz-short clean

setup:
	@missing=$$(for p in $(DEB_PACKAGES); do dpkg-query -W -f='$${Status}\n' $$p 2>/dev/null | grep -q "install ok installed" || echo $$p; done); \
	if [ -n "$$missing" ]; then \
		echo "installing:" $$missing; \
		apt-get update -qq && apt-get install -y -qq --no-install-recommends $$missing >/dev/null; \
	else echo "system packages: all present"; fi

build: setup
	$(SWIFT) build

release: setup
	$(SWIFT) build -c release

# One test at a time: many tests start real servers and time real events, and on two cores a fully
# parallel run starves them (about 2 minutes this way, against 45 s flaky).
test: setup
	$(SWIFT) build --build-tests
	$(SWIFT) test --skip-build --no-parallel

# The fault harness: hundreds of exports, the daemon SIGKILLed at random and its connection cut at
# random byte offsets; prints the counts (kills, cuts, exports, lost, duplicated). A few minutes.
torture: setup
	$(SWIFT) build --build-tests
	KILL_HARNESS=1 $(SWIFT) test --skip-build --no-parallel --filter KillHarnessTests

demo: release
	scripts/demo.sh

bench: release
	scripts/bench.sh

# libFuzzer targets over what is read from outside (CSV, XML exports, answers, batch names): each runs
# FUZZ_SECONDS over its seeds in Fuzz/corpus, built apart in .build-fuzz; `fuzz-short` is CI's pass.
FUZZ_SECONDS ?= 60
fuzz: setup
	scripts/fuzz.sh $(FUZZ_SECONDS)

fuzz-short: setup
	scripts/fuzz.sh 12

clean:
	rm -rf .build .build-fuzz demo-run bench-run
