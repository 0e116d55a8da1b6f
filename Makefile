# The two set-up commands (see README.md):
#   make demo   install what is missing, build everything, serve the demo on http://127.0.0.1:8000
#               (PORT=9000 for another port; `make serve` serves without building)
#   make test   install what is missing (also browsers and drivers), build, run every test
#   make bench  the full benchmark in headless Chromium + native Rust; writes bench/results.json
#               docs/benchmarks.md and the measured part of docs/performance.md
.PHONY: demo test bench install build serve

demo: install build serve

test:
	bash scripts/install.sh --test
	bash scripts/build.sh
	bash scripts/test.sh

bench:
	bash scripts/install.sh --test
	bash scripts/build.sh
	node scripts/bench.mjs --docs docs/benchmarks.md --performance docs/performance.md

install:
	bash scripts/install.sh

build:
	bash scripts/build.sh

# make serve PORT=9000 serves on another port (default 8000).
serve:
	node scripts/serve.mjs $(if $(PORT),--port $(PORT))
