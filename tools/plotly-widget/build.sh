#!/bin/sh
# Rebuild widgets/static/plotly-widget.js (see README.md). Needs node and npm, and the
# project's venv (.venv) for the check against the installed plotly (skip it: --no-check).
set -eu
cd "$(dirname "$0")"
npm ci --no-audit --no-fund
node build.mjs "$@"
