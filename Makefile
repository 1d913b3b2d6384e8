# Two commands matter: `make run` and `make test`. Everything they need is installed here.
PYTHON ?= python3
VENV := .venv
PY := $(VENV)/bin/python
STAMP := $(VENV)/.installed
TEST_STAMP := $(VENV)/.installed-test

.PHONY: run test bench soak clean

$(STAMP): pyproject.toml
	test -x $(PY) || $(PYTHON) -m venv $(VENV)
	$(PY) -m pip install --quiet --upgrade pip
	$(PY) -m pip install --quiet -e .
	@echo "building the 3D anatomy once (cached in ~/.cache/fascia-explorer; 20-60 s)"
	$(PY) -c "from models.scene import build_scene; from models.lod import make_proxies; \
		scene = build_scene(); make_proxies({p.id: p.mesh for p in scene.parts})"
	touch $@

$(TEST_STAMP): $(STAMP)
	$(PY) -m pip install --quiet -e '.[test]'
	touch $@

run: $(STAMP)
	sh scripts/system-deps.sh runtime
	$(PY) main.py

# Tests run under xvfb-run, whose X server outlives pytest: pytest-xvfb stops its server
# while Qt still holds a connection, and Qt then ends the process with status 1.
XVFB := xvfb-run -a -s "-screen 0 1920x1080x24 -nolisten tcp"

# The Khronos glTF validator for the export test, in a project-local folder (skipped
# without npm: the test then says why it is skipped).
GLTF_VALIDATOR := .tools/node_modules/gltf-validator/package.json

$(GLTF_VALIDATOR):
	if command -v npm >/dev/null; then npm install --prefix .tools gltf-validator; fi

test: $(TEST_STAMP) $(GLTF_VALIDATOR)
	sh scripts/system-deps.sh test
	$(XVFB) $(PY) -m pytest -q

bench: $(TEST_STAMP)
	sh scripts/system-deps.sh test
	$(XVFB) $(PY) -m bench

soak: $(TEST_STAMP)
	sh scripts/system-deps.sh test
	SOAK_STEPS=3000 SOAK_SECONDS=1200 $(XVFB) $(PY) -m pytest -q -s tests/explorer/test_soak.py

clean:
	rm -rf $(VENV) build *.egg-info .pytest_cache
