# Thin wrapper: the two README commands.  Everything real is in CMakeLists.txt.
#   make demo   install what is missing, build into build/, scan samples/
#   make test   install what is missing, build, run the suite (plain and ASan+UBSan) through ctest

BUILD      ?= build
ASAN_BUILD ?= build-asan
JOBS       ?= $(shell nproc 2>/dev/null || echo 2)
# Debian 12 packages: build (libclang-dev, libcjson-dev, cmake; libcmocka-dev
# too, so that one configured build/ serves `make demo` and `make test`) and
# test (clang and libclang-rt-14-dev for the fuzz smoke test; python3-jsonschema
# to validate SARIF).
PKGS_BUILD = cmake make gcc libclang-dev libcjson-dev libcmocka-dev
PKGS_TEST  = clang libclang-rt-14-dev python3 python3-jsonschema

.PHONY: demo test build deps-build deps-test clean

demo: deps-build build
	@echo "== drvcheck scan samples/"
	@./$(BUILD)/drvcheck scan samples/; rc=$$?; \
	 if [ $$rc -gt 1 ]; then exit $$rc; fi; \
	 echo "== exit code $$rc (0: no defect, 1: defects found, 2: could not run)"

test: deps-build deps-test
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo -DDRVCHECK_REQUIRE_TESTS=ON >/dev/null
	cmake --build $(BUILD) -j $(JOBS)
	cd $(BUILD) && ctest --output-on-failure -j $(JOBS)
	cmake -S . -B $(ASAN_BUILD) -DCMAKE_BUILD_TYPE=Debug -DDRVCHECK_SANITIZE=ON -DDRVCHECK_REQUIRE_TESTS=ON >/dev/null
	cmake --build $(ASAN_BUILD) -j $(JOBS)
	cd $(ASAN_BUILD) && ASAN_OPTIONS=detect_leaks=1 UBSAN_OPTIONS=print_stacktrace=1 \
	    ctest --output-on-failure -j $(JOBS) -LE no-asan

build:
	cmake -S . -B $(BUILD) -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
	cmake --build $(BUILD) -j $(JOBS)

# Install missing Debian packages: with apt-get as root, else print the line.
define install_missing
	@missing=""; for p in $(1); do \
	  dpkg-query -W -f='$${Status}' $$p 2>/dev/null | grep -q "install ok installed" || missing="$$missing $$p"; \
	done; \
	if [ -n "$$missing" ]; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    echo "== installing:$$missing"; \
	    apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq $$missing >/dev/null || exit 2; \
	  else \
	    echo "drvcheck: missing Debian packages:$$missing"; \
	    echo "run: sudo apt-get install -y$$missing"; \
	    exit 2; \
	  fi; \
	fi
endef

deps-build:
	$(call install_missing,$(PKGS_BUILD))

deps-test:
	$(call install_missing,$(PKGS_TEST))

clean:
	rm -rf $(BUILD) $(ASAN_BUILD)
