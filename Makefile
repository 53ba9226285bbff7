# eigenplan — every target does its own set-up on a machine with only Python 3.11 and make.
PYTHON ?= python3.11
VENV := .venv
BIN := $(VENV)/bin
STAMP := $(VENV)/.installed-$(shell cat pyproject.toml | cksum | cut -d' ' -f1)
export EIGENPLAN_DATA_DIR ?= $(CURDIR)/var

.PHONY: demo test lint format css bench messages clean

$(STAMP): pyproject.toml
	test -x $(BIN)/python || $(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e ".[dev]"
	rm -f $(VENV)/.installed-*
	touch $@

## make demo: install, migrate, load the demo municipality, serve on http://127.0.0.1:8000
demo: $(STAMP)
	EIGENPLAN_DEMO=1 $(BIN)/eigenplan demo

## make test: lint, then the whole suite: everything but the browser journeys on TEST_WORKERS
## processes (pytest-xdist), then the browser journeys in one process (one browser, and axe's
## summary of the pages it checked)
TEST_WORKERS ?= 2
test: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench
	EIGENPLAN_DEMO=1 $(BIN)/python -m pytest -n $(TEST_WORKERS) --ignore=tests/e2e $(PYTEST_ARGS)
	EIGENPLAN_DEMO=1 $(BIN)/python -m pytest tests/e2e $(PYTEST_ARGS)

lint: $(STAMP)
	$(BIN)/ruff check src tests bench
	$(BIN)/ruff format --check src tests bench

format: $(STAMP)
	$(BIN)/ruff check --fix src tests bench
	$(BIN)/ruff format src tests bench

## make css: rebuild the NL Design System CSS and htmx from the npm registry
css:
	bash frontend/build.sh

## make messages: refresh and compile the translations
messages: $(STAMP)
	cd src/eigenplan && EIGENPLAN_DEMO=1 ../../$(BIN)/django-admin makemessages -l en -l nl --settings=eigenplan.settings
	cd src/eigenplan && EIGENPLAN_DEMO=1 ../../$(BIN)/django-admin compilemessages --settings=eigenplan.settings

clean:
	rm -rf $(VENV) var .pytest_cache .ruff_cache

## make bench: the benchmark at 1,000, 10,000 and 100,000 households on PostgreSQL (bench/README.md)
.PHONY: bench-smoke
bench: $(STAMP)
	command -v wrk >/dev/null 2>&1 || (apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq wrk >/dev/null) || echo "bench: no wrk; the capacity run uses bench.loadgen"
	$(BIN)/python -m bench.run $(BENCH_ARGS)

## make bench-smoke: 1,000 households, 20 s at 20 requests/s; fails on errors, never on latency (CI)
bench-smoke: $(STAMP)
	$(BIN)/python -m bench.run --smoke $(BENCH_ARGS)

## make security: bandit on the code; pip-audit on the installed packages (known vulnerabilities).
## Fails on bandit findings and on known vulnerabilities; only warns when pip-audit cannot reach
## its vulnerability data (PyPI's JSON API), so an offline machine is not blocked - and not fooled.
.PHONY: security
PIP_AUDIT_REPORT := $(EIGENPLAN_DATA_DIR)/pip-audit.json
security: $(STAMP)
	$(BIN)/bandit -q -r src -c pyproject.toml
	@mkdir -p $(EIGENPLAN_DATA_DIR) && rm -f $(PIP_AUDIT_REPORT)
	@$(BIN)/pip-audit --skip-editable --progress-spinner off --format json \
		--output $(PIP_AUDIT_REPORT) 2>$(PIP_AUDIT_REPORT).log || true
	@$(BIN)/python -c "$$PIP_AUDIT_SUMMARY" $(PIP_AUDIT_REPORT)

define PIP_AUDIT_SUMMARY
import json, pathlib, sys
report = pathlib.Path(sys.argv[1])
try:
    deps = json.loads(report.read_text())["dependencies"]
except (OSError, ValueError, KeyError):
    print(f"WARNING: pip-audit could not run (is pypi.org reachable?). The installed packages were NOT checked for known vulnerabilities; see {report}.log")
    sys.exit(0)
vulnerable = [d for d in deps if d.get("vulns")]
skipped = [d for d in deps if d.get("skip_reason")]
for d in vulnerable:
    for v in d["vulns"]:
        fixed = ", ".join(v.get("fix_versions") or []) or "no fixed release yet"
        print(f"VULNERABLE: {d['name']} {d['version']}: {v['id']} (fixed in {fixed})")
count = sum(len(d["vulns"]) for d in vulnerable)
print(f"pip-audit: {len(deps) - len(skipped)} of {len(deps)} installed packages checked; {count} known vulnerabilities.")
if skipped:
    print(f"WARNING: {len(skipped)} packages could NOT be checked, so their vulnerabilities are unknown. First: {skipped[0]['skip_reason']}. PyPI's vulnerability data did not answer for them; run make security again with access to pypi.org.")
sys.exit(1 if vulnerable else 0)
endef
export PIP_AUDIT_SUMMARY
