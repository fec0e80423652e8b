# Two commands do all the set-up on a machine with Python 3.11+: `make demo` and `make test`.
PYTHON ?= python3
VENV := .venv
BIN := $(VENV)/bin
STORE ?= kg-data

.PHONY: demo test install install-test clean

$(BIN)/kg: pyproject.toml
	$(PYTHON) -m venv $(VENV)
	$(BIN)/pip install --quiet --upgrade pip
	$(BIN)/pip install --quiet -e .
	touch $(BIN)/kg

$(VENV)/.test-extras: $(BIN)/kg
	$(BIN)/pip install --quiet -e '.[test]'
	touch $@

install: $(BIN)/kg

install-test: $(VENV)/.test-extras

demo: install
	$(BIN)/kg build examples/ --store $(STORE)
	$(BIN)/kg stats --store $(STORE)
	$(BIN)/kg query indicator_timeseries --param indicator=new_urban_jobs --store $(STORE)

test: install-test
	$(BIN)/python -m pytest

clean:
	rm -rf $(VENV) $(STORE) .pytest_cache
