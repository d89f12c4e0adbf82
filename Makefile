# Convene — the two commands that matter are `make run` and `make test`.

GO            ?= go
DB            ?= sqlite://./data/convene.db
ADDR          ?= 127.0.0.1:8080
PG_TEST_URL   ?= postgres://postgres@127.0.0.1:5432/test?sslmode=disable
BIN           := bin/convene
FRONTEND      := frontend
NPM           ?= npm

.PHONY: run build test test-go test-go-sqlite test-go-postgres test-frontend test-e2e \
        frontend frontend-deps generate bench lint clean

## run: build what is needed, migrate, load demo data on first run, serve on http://127.0.0.1:8080
run: build
	$(BIN) serve --demo --db $(DB) --addr $(ADDR)

## build: the web app (if Node is available) and the single binary embedding it
build: frontend
	$(GO) build -o $(BIN) ./cmd/convene

## test: every test — Go on SQLite and on PostgreSQL, frontend unit tests, browser end-to-end
test: test-go test-frontend test-e2e

test-go: test-go-sqlite test-go-postgres

test-go-sqlite:
	$(GO) vet ./...
	$(GO) test -count=1 ./...

# PostgreSQL is not optional: a suite that silently skipped it would prove nothing.
test-go-postgres:
	@pg_isready -q -d "$(PG_TEST_URL)" 2>/dev/null || $(GO) run ./internal/testutil/pgcheck "$(PG_TEST_URL)"
	CONVENE_TEST_POSTGRES="$(PG_TEST_URL)" $(GO) test -count=1 -p 2 ./...

frontend-deps: $(FRONTEND)/node_modules/.package-lock.json

$(FRONTEND)/node_modules/.package-lock.json: $(FRONTEND)/package-lock.json
	cd $(FRONTEND) && $(NPM) ci --no-audit --no-fund
	@touch $@

# Builds frontend/dist (embedded by the Go binary) when the sources changed.
frontend:
	@if ! command -v $(NPM) >/dev/null 2>&1; then \
		echo "make: npm not found; building without the web app (the API and GraphiQL still work)"; \
	elif [ -f $(FRONTEND)/package.json ]; then \
		$(MAKE) --no-print-directory frontend-deps && cd $(FRONTEND) && $(NPM) run build; \
	fi

test-frontend:
	@if [ -f $(FRONTEND)/package.json ]; then \
		$(MAKE) --no-print-directory frontend-deps && cd $(FRONTEND) && $(NPM) test; \
	fi

test-e2e: build
	@if [ -f $(FRONTEND)/package.json ] && grep -q '"e2e"' $(FRONTEND)/package.json; then \
		cd $(FRONTEND) && CONVENE_BIN=../$(BIN) $(NPM) run e2e; \
	fi

## generate: regenerate ent, migrations and gqlgen code (needs the local PostgreSQL for migration diffs)
generate:
	$(GO) generate ./...

bench:
	$(GO) test -run '^$$' -bench . -benchmem ./...

clean:
	rm -rf bin $(FRONTEND)/dist/assets $(FRONTEND)/dist/index.html
