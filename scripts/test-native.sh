#!/usr/bin/env bash
# The native test suite: installs the native wheel from python/dist/ into build/native-venv
# (scripts/install.sh makes it) the way a user installs it, then runs tests/python (the tests the
# Pyodide suite runs, now on the native backend) and tests/native with pytest.
#   bash scripts/test-native.sh [extra pytest args...]
source "$(dirname "$0")/env.sh"
py=build/native-venv/bin/python
wheels=(python/dist/fastwasm-*-abi3-*.whl)
if [ ${#wheels[@]} != 1 ] || [ ! -f "${wheels[0]}" ]; then
  echo "test-native.sh: expected one native wheel in python/dist; build it with: bash scripts/build.sh" >&2
  exit 2
fi
"$py" -m pip install -q --disable-pip-version-check --force-reinstall --no-deps "${wheels[0]}"
# The native tests skip themselves on another backend: make sure this one is native.
"$py" -c 'import fastwasm, sys; sys.exit(fastwasm.backend != "native")' || {
  echo "test-native.sh: fastwasm.backend is not \"native\" in build/native-venv" >&2
  exit 1
}
dirs=(tests/python)
[ -d tests/native ] && dirs+=(tests/native)
"$py" -m pytest -p no:cacheprovider -q "${dirs[@]}" "$@"
