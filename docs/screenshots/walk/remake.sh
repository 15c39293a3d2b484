#!/bin/sh
# Remake the screenshots of the four workflows' walk (issue 16) on a real X server at 1366×768:
# tests/ui/test_walk_workflows.py saves one PNG per step into this folder when CHEMCLUSTER_WALK_SHOTS is set.
#   sh docs/screenshots/walk/remake.sh            (from the project folder; needs xvfb-run)
set -e
cd "$(dirname "$0")/../../.."
PY=${PYTHON:-python}
rm -f docs/screenshots/walk/*.png
xvfb-run -a -s "-screen 0 1366x768x24" env QT_QPA_PLATFORM=xcb PYTHONPATH=. \
    CHEMCLUSTER_WALK_SHOTS=docs/screenshots/walk \
    "$PY" -m pytest -q -p no:cacheprovider tests/ui/test_walk_workflows.py
ls docs/screenshots/walk/*.png
