# Floor: two commands on a fresh machine.
#
#   make serve   install what is missing, build, serve on http://127.0.0.1:8080
#   make test    install what is missing, run every test layer
#
# Every install step checks first and does nothing when the tool is present at
# the pinned version, so repeated runs are quick. Nothing is downloaded from
# GitHub or a browser vendor: crates.io, npm and Debian only.

SHELL := /bin/bash
.SHELLFLAGS := -eu -o pipefail -c
.DEFAULT_GOAL := help

# Tools installed by cargo and by npm come first on PATH: wasm-opt must be
# binaryen 132 from npm, never an older one from the system.
export PATH := $(CURDIR)/node_modules/.bin:$(HOME)/.cargo/bin:$(PATH)
export CHROMEDRIVER ?= /usr/bin/chromedriver

TRUNK_VERSION := 0.21.14
BINARYEN_VERSION := 132
# The wasm-bindgen CLI must match the library exactly: read it from Cargo.lock.
WASM_BINDGEN_VERSION = $(shell awk '/^name = "wasm-bindgen"$$/ { getline; gsub(/"/, "", $$3); print $$3 }' Cargo.lock)
NPM_STAMP := node_modules/.package-lock.json

.PHONY: help tools tools-rust tools-npm tools-browser serve dist first-screen examples site serve-site bench-site test test-native test-wasm test-size test-e2e bench align clean

help:
	@echo "make serve   build and serve the viewer on http://127.0.0.1:8080"
	@echo "make test    run every test layer (native, wasm in Chromium, end-to-end)"
	@echo "make dist    release build into dist/"
	@echo "make first-screen  rewrite assets/first-screen.html from the viewer (after a markup change)"
	@echo "make examples  the embedding examples on http://127.0.0.1:8081"
	@echo "make site    the archive site of SOURCE (default: a generated demo archive) in site/"
	@echo "make serve-site  serve site/ on http://127.0.0.1:8090/archive/"
	@echo "make bench   benchmarks: parser and search, native, WASM and in Chromium"
	@echo "make align   alignment to captions: accuracy per pair, speed natively and in WASM"
	@echo "make tools   install whatever is missing"

## Tools ---------------------------------------------------------------------

tools: tools-rust tools-npm tools-browser

tools-rust:
	@command -v cargo >/dev/null || { echo "error: cargo not found: install Rust with rustup first" >&2; exit 1; }
	@rustup target list --installed | grep -qx wasm32-unknown-unknown \
	  || rustup target add wasm32-unknown-unknown
	@trunk --version 2>/dev/null | grep -qx "trunk $(TRUNK_VERSION)" \
	  || cargo install trunk --version $(TRUNK_VERSION) --locked
	@test -n "$(WASM_BINDGEN_VERSION)" || { echo "error: no wasm-bindgen in Cargo.lock" >&2; exit 1; }
	@# Not --locked: one of the CLI's locked dependencies is gone from the index.
	@{ wasm-bindgen --version 2>/dev/null | grep -qx "wasm-bindgen $(WASM_BINDGEN_VERSION)" \
	   && command -v wasm-bindgen-test-runner >/dev/null; } \
	  || cargo install wasm-bindgen-cli --version "=$(WASM_BINDGEN_VERSION)"
	@grep -qx 'wasm_bindgen = "$(WASM_BINDGEN_VERSION)"' Trunk.toml \
	  || { echo "error: Trunk.toml must pin wasm_bindgen = \"$(WASM_BINDGEN_VERSION)\" (the Cargo.lock version)" >&2; exit 1; }

tools-npm: $(NPM_STAMP)
	@wasm-opt --version | grep -q "version $(BINARYEN_VERSION) " \
	  || { echo "error: wasm-opt on PATH is not binaryen $(BINARYEN_VERSION): $$(command -v wasm-opt)" >&2; exit 1; }

$(NPM_STAMP): package.json package-lock.json
	@command -v npm >/dev/null || { echo "error: npm not found: install Node.js 20 or later (Debian: apt-get install nodejs npm)" >&2; exit 1; }
	npm ci --no-audit --no-fund

tools-browser:
	@if ! command -v chromium >/dev/null || ! command -v chromedriver >/dev/null; then \
	  if [ "$$(id -u)" = 0 ]; then \
	    apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver; \
	  else \
	    echo "error: the browser tests need Debian's chromium and chromium-driver." >&2; \
	    echo "       Install them as root: sudo apt-get install chromium chromium-driver" >&2; \
	    exit 1; \
	  fi; \
	fi

## Build and serve -----------------------------------------------------------

serve: tools-rust tools-npm
	trunk serve

dist: tools-rust tools-npm
	trunk build --release

# The sample's pre-rendered first screen in index.html, taken from the viewer
# in Chromium (src/web/first-screen.mjs); then dist/ again, to carry it.
first-screen: dist tools-browser
	node src/web/first-screen.mjs
	trunk build --release

examples: dist
	node tests/e2e/serve-examples.mjs

# The archive site (floor site): every transcript under SOURCE, read
# recursively, as a static site in SITE. Without SOURCE, a demo archive:
# 300 generated IGF transcripts (tests/support/archive.rs) and the sample.
SITE ?= site
DEMO := target/site-demo
site: dist
	cargo build --release --locked --bin floor
	@if [ -z "$(SOURCE)" ] && [ ! -d $(DEMO) ]; then \
	  cargo run --release --locked --example gen-archive -- --count 300 --seed 1 $(DEMO) \
	  && cp assets/sample.txt $(DEMO)/; \
	fi
	./target/release/floor site $(or $(SOURCE),$(DEMO)) -o $(SITE) --viewer dist

serve-site:
	node tests/e2e/serve-site.mjs $(SITE)

bench-site: dist
	cargo build --release --locked --bin floor
	node tests/bench/site.mjs
	node tests/bench/archive.mjs target/bench-site-5000/site

## Tests ---------------------------------------------------------------------

test: tools
	$(MAKE) --no-print-directory test-native test-wasm dist test-size test-e2e

# The core alone: leptos, wasm-bindgen and web-sys are never compiled here.
test-native:
	cargo test --locked

# Components mounted in headless Chromium (runner set in .cargo/config.toml).
test-wasm:
	cargo test --locked --target wasm32-unknown-unknown --test web

# The size budget of a first visit (gzip), against tests/size-budget.json.
test-size:
	node tests/bench/size.mjs --check

# The release build in dist/, served by a plain static server.
test-e2e:
	npx playwright test --config tests/e2e/playwright.config.js

## Benchmarks (numbers, not pass/fail) ---------------------------------------

# Each prints a table (the sample, and the sample repeated 100 times):
#   size         transfer size of a first visit, against the budget
#   parse        parser throughput natively (criterion), then the shipped
#                WASM under Node, with the WASM/native ratio
#   readers      each timed reader's throughput natively (10 hours of
#                YouTube captions, cues as WebVTT and SRT, the corpus), then
#                in the readers' WASM module (parse-wasm.mjs)
#   search       index and queries natively, then in Chromium per keystroke
#   paragraph    per keystroke in a transcript whose one paragraph is 1 MB
#                and 10 MB, in Chromium
#   speakers     speaker resolution at 10k, 20k, 40k and 200k distinct labels
#   align        aligning a day-long meeting (60,000 words each side, a fifth
#                wrong) to its captions: time and peak memory, natively;
#                then each test pair's coverage and start errors; then the
#                same meeting in WebAssembly, under Node and in Chromium
#                (align-wasm.mjs). Alone: make align
#   first-paint  Floor against its static page (`floor html`), A/B
#   session-paint  a session page (pre-rendered, then the viewer) against
#                the static page: first turn, and usable
#   site         the archive site of 5,000 generated transcripts: a fresh
#                build, a rebuild with one changed, the index against the
#                text (gzip); then a query typed on its archive page: bytes
#                fetched on a cold cache, results after the shards, memory
#                after 20 queries (archive.mjs). Alone: make bench-site
#   compare      Floor's search against MiniSearch and FlexSearch in a page
#   memory       JS heap and WASM memory after loading
#   shapes       peak memory and time of parsing and indexing each shape of
#                hostile input (tiny turns, a long paragraph, no markers,
#                punctuation, many labels, many notes) at 1, 10 and 40 MB,
#                natively (cargo bench --bench memory), then in Chromium
bench: dist
	cargo build --release --locked --bin floor
	node tests/bench/size.mjs
	cargo bench --locked --bench parse
	cargo bench --locked --bench readers
	node tests/bench/parse-wasm.mjs
	node tests/bench/readers-page.mjs
	cargo bench --locked --bench search
	node tests/bench/search.mjs
	node tests/bench/paragraph.mjs
	cargo bench --locked --bench speakers
	cargo bench --locked --bench align
	node tests/bench/align-wasm.mjs
	node tests/bench/first-paint.mjs
	node tests/bench/session-paint.mjs
	node tests/bench/site.mjs
	node tests/bench/archive.mjs target/bench-site-5000/site
	node tests/bench/compare.mjs
	node tests/bench/memory.mjs
	cargo bench --locked --bench memory
	node tests/bench/shapes.mjs

# Alignment alone: accuracy on the test pairs, speed and memory natively,
# then in WebAssembly (Node and Chromium).
align: dist
	cargo bench --locked --bench align
	node tests/bench/align-wasm.mjs

clean:
	cargo clean
	rm -rf dist node_modules site
