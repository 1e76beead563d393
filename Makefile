# Restraint or Resolve? — the two commands a newcomer needs:
#   make lab    create the environment if missing, open the course in JupyterLab
#   make test   create the environment if missing, run every test
# Both reuse .venv; it is rebuilt only when pyproject.toml changes.

PYTHON ?= python3
VENV   := .venv
BIN    := $(VENV)/bin
STAMP  := $(VENV)/.installed
# Jupyter refuses to run as root unless told to (containers, Binder-like boxes).
LAB_FLAGS := $(if $(filter 0,$(shell id -u)),--allow-root,)

.PHONY: compile lab test bench refresh-notebooks reset-lessons exercises handout grade class-report

$(STAMP): pyproject.toml
	@$(PYTHON) -c 'import sys; sys.exit(0 if sys.version_info >= (3, 11) else 1)' \
	  || { echo "Python 3.11 or newer is needed (found: $$($(PYTHON) --version 2>&1)). Run: make PYTHON=python3.11 ..."; exit 1; }
	$(PYTHON) -m venv $(VENV)
	$(BIN)/python -m pip install --quiet --upgrade pip
	$(BIN)/python -m pip install --quiet -e '.[test]'
	@touch $(STAMP)

# Compile the course library, so that kernels started with
# PYTHONDONTWRITEBYTECODE set (some hubs, CI) do not compile it every time;
# after a `git pull` only the changed modules are compiled again.
compile: $(STAMP)
	@$(BIN)/python -m compileall -q src

lab: compile
	$(BIN)/jupyter lab $(LAB_FLAGS) --ServerApp.root_dir=. notebooks/00_start_here.ipynb

test: compile
	$(BIN)/python -m pytest $(PYTEST_ARGS)

bench: compile
	$(BIN)/python benchmarks/bench_notebooks.py
	$(BIN)/python benchmarks/bench_grading.py

# Re-execute the lessons and keep only the outputs of cells tagged
# nbval-check-output (see DEVELOPING.md, "Notebooks").
refresh-notebooks: $(STAMP)
	$(BIN)/python tools/refresh_notebooks.py notebooks/*.ipynb notebooks/instructor/*.ipynb

# Put every lesson back as git has it (discards outputs and answers written
# into the lesson files; README, "Reset a lesson").
reset-lessons:
	git checkout -- notebooks/

# Graded exercises (README, "Graded exercises"). exercises/ is generated from
# solutions/: never edit it by hand.
exercises: $(STAMP)
	$(BIN)/natodebate exercises

# The student-only archive: lessons, data, library, exercises; no solutions/.
handout: $(STAMP)
	$(BIN)/natodebate handout --output dist/restraint-or-resolve-handout.zip

# Grade a folder of submitted exercise notebooks: make grade SUBMISSIONS=dir
# [EXERCISE=01] [OUTPUT=grades] [TIMEOUT=60]. The folder is never modified.
OUTPUT  ?= grades
TIMEOUT ?= 60
grade: $(STAMP)
	@test -n "$(SUBMISSIONS)" || { echo "Say which folder to grade: make grade SUBMISSIONS=path/to/folder"; exit 2; }
	$(BIN)/natodebate grade "$(SUBMISSIONS)" --output "$(OUTPUT)" --timeout $(TIMEOUT) $(if $(EXERCISE),--exercise $(EXERCISE),)

# Compare a class's exported assumptions (lesson 09): make class-report ASSUMPTIONS=dir
class-report: $(STAMP)
	@test -n "$(ASSUMPTIONS)" || { echo "Say which folder to read: make class-report ASSUMPTIONS=path/to/folder"; exit 2; }
	$(BIN)/natodebate class-report "$(ASSUMPTIONS)"
