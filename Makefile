# Two commands matter: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	sh scripts/system-deps.sh runtime
	$(PY) main.py

test: $(TEST_STAMP)
	sh scripts/system-deps.sh test
	$(PY) -m pytest -q

bench: $(TEST_STAMP)
	sh scripts/system-deps.sh test
	$(PY) -m bench

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
