# Two commands on a fresh machine: `make run` and `make test` (see README.md).
PYTHON ?= python3
VENV ?= .venv
BIN := $(VENV)/bin
BUNDLE ?= resources/bundles/black-january
# Every install takes the exact versions in constraints.txt (pip, the build backend,
# PySide6, the test and packaging tools): a new release never changes a build by itself.
# `make bump-constraints` moves them, as a commit.
CONSTRAINTS := constraints.txt
PIN := -c $(CONSTRAINTS)
PIN_BUILD := $(PIN) --build-constraint $(CONSTRAINTS)

.PHONY: preflight-display run test test-quick lint format schema clean installer deb bench bump-constraints

# A fresh machine: a missing system package stops here, in one line naming it, before
# venv's or Qt's own errors (packaging/preflight.py). Checked before the venv is made,
# since a venv that failed half-way would otherwise count as made.
PREFLIGHT := $(PYTHON) packaging/preflight.py

$(BIN)/python:
	@$(PREFLIGHT) venv
	$(PYTHON) -m venv $(VENV)

# A change of pyproject.toml or of the constraints reinstalls; pip first, since
# --build-constraint needs a recent one.
$(VENV)/.installed-run: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(PIN) pip
	$(BIN)/python -m pip install --quiet $(PIN_BUILD) -e .
	touch $@

$(VENV)/.installed-test: pyproject.toml $(CONSTRAINTS) | $(BIN)/python
	$(BIN)/python -m pip install --quiet $(PIN) pip
	$(BIN)/python -m pip install --quiet $(PIN_BUILD) -e ".[test]"
	touch $@ $(VENV)/.installed-run

# While there is no venv yet, python3-venv is checked here too: a machine that lacks both
# packages is told of both at once, before make does anything else.
preflight-display:
	@$(PREFLIGHT) $(if $(wildcard $(BIN)/python),,venv) display

## run: the kiosk on the built-in bundle, in a preview window (Escape closes it)
run: preflight-display $(VENV)/.installed-run
	$(BIN)/kiosk validate $(BUNDLE)
	$(BIN)/kiosk --windowed --bundle $(BUNDLE)

## test: lint, then every test, a test file to each core (TEST_WORKERS=0: one process).
## A worker that crashes ends the run, naming its test (xdist's replacement worker left the
## run waiting for ever once, after a segfault).
TEST_WORKERS ?= auto
XDIST = -n $(TEST_WORKERS) --dist loadfile --max-worker-restart=0
test: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest $(XDIST)

## test-quick: the same without the tests marked slow (soak, monkey, long end-to-end);
## for a developer between changes, never for CI
test-quick: $(VENV)/.installed-test lint
	$(BIN)/python -m pytest $(XDIST) -m "not slow"

lint: $(VENV)/.installed-test
	$(BIN)/ruff check src tests benchmarks packaging
	$(BIN)/ruff format --check src tests benchmarks packaging
	$(BIN)/lint-imports --no-cache --no-logo

format: $(VENV)/.installed-test
	$(BIN)/ruff format src tests benchmarks packaging
	$(BIN)/ruff check --fix src tests benchmarks packaging

## schema: regenerate resources/bundle.schema.json from the models
schema: $(VENV)/.installed-run
	$(BIN)/kiosk schema -o resources/bundle.schema.json

## build/ holds the Debian trees the installer tests enter through chroot, with the host's
## /proc, /sys and /dev bound into them while a test runs: a test killed half-way may leave
## such a mount, and rm must not follow it into the host's devices.
clean:
	rm -rf --one-file-system $(VENV) $(BUILD_VENV) .venv-bump build dist .pytest_cache \
		.ruff_cache .hypothesis src/*.egg-info

BUILD_VENV ?= .venv-build

## installer: the one-folder frozen app in dist/kiosk (PyInstaller, build_installer.spec)
installer:
	test -x $(BUILD_VENV)/bin/python || $(PYTHON) -m venv $(BUILD_VENV)
	$(BUILD_VENV)/bin/python -m pip install --quiet $(PIN) pip
	$(BUILD_VENV)/bin/python -m pip install --quiet $(PIN_BUILD) --force-reinstall --no-deps .
	$(BUILD_VENV)/bin/python -m pip install --quiet $(PIN_BUILD) ".[package]"
	$(BUILD_VENV)/bin/pyinstaller --noconfirm --clean --log-level WARN build_installer.spec
	@du -sh dist/kiosk

## deb: a Debian package of the frozen app (packaging/linux/build_deb.sh)
deb: installer
	bash packaging/linux/build_deb.sh

## bench: start-up, memory, CPU and frame-time benchmarks (not in CI; see benchmarks/README.md)
bench: $(VENV)/.installed-test
	bash benchmarks/setup.sh
	$(BIN)/python benchmarks/frames.py
	$(BIN)/python benchmarks/big_bundle.py
	$(BIN)/python benchmarks/big_update.py
	$(BIN)/python benchmarks/hostile.py
	$(BIN)/python benchmarks/x11bench.py
	$(BIN)/python benchmarks/dpr.py
	$(BIN)/python benchmarks/film.py
	$(BIN)/python benchmarks/recording.py
	$(BIN)/python benchmarks/closed_cpu.py
	$(BIN)/python benchmarks/insights_year.py

## bump-constraints: the newest versions pyproject.toml allows, resolved afresh into
## constraints.txt; then `make test` (it reinstalls) and commit constraints.txt. Run it
## with the Python that CI uses (3.11: PySide6 stays below 6.12 there).
bump-constraints:
	rm -rf .venv-bump
	$(PYTHON) -m venv .venv-bump
	.venv-bump/bin/python -m pip install --quiet --upgrade pip setuptools wheel
	.venv-bump/bin/python -m pip install --quiet ".[test,package]"
	{ sed -n '/^#/p' $(CONSTRAINTS); \
	  .venv-bump/bin/python -m pip freeze --all --exclude kiosk | LC_ALL=C sort -f; \
	} > $(CONSTRAINTS).new
	mv $(CONSTRAINTS).new $(CONSTRAINTS)
	rm -rf .venv-bump build
	@git diff --stat -- $(CONSTRAINTS) || true
