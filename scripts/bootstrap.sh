# Sourced by scripts/qa and scripts/test: make .venv/ at the repo root hold this project.
# Usage: bootstrap "extras"   (e.g. "" or "test"). Re-installs only when pyproject.toml changed.
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
VENV="$ROOT/.venv"

bootstrap() {
    local extras="$1" want have py
    want="$(sha256sum "$ROOT/pyproject.toml" | cut -c1-16) [$extras]"
    have="$(cat "$VENV/.qa-stamp" 2>/dev/null || true)"
    # A stamp made with test extras also serves a plain run.
    if [[ -x "$VENV/bin/python" && ( "$have" == "$want" || ( -z "$extras" && "${have%% *}" == "${want%% *}" ) ) ]]; then
        return 0
    fi
    py="$(command -v python3.11 || command -v python3 || true)"
    if [[ -z "$py" ]] || ! "$py" -c 'import sys; sys.exit(sys.version_info < (3, 11))'; then
        echo "qa: needs Python >= 3.11 on PATH (python3.11 or python3)" >&2
        exit 1
    fi
    echo "qa: setting up $VENV (first run, or pyproject.toml changed) ..." >&2
    [[ -x "$VENV/bin/python" ]] || "$py" -m venv "$VENV"
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check --upgrade pip >&2
    # torch is pinned in pyproject.toml (the CPU wheel); pip installs it first on its own so that
    # no other requirement can pull the multi-GB CUDA build.
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check "torch==2.13.0" >&2
    "$VENV/bin/python" -m pip install -q --disable-pip-version-check -e "$ROOT${extras:+[$extras]}" >&2
    echo "$want" > "$VENV/.qa-stamp"
}
