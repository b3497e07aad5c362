# Thin wrapper over the npm scripts, for those who type `make`. Every target is one npm script;
# see README.md for what each does. `make help` lists them.
.DEFAULT_GOAL := help
.PHONY: help install start dev build test lint typecheck format generate bench bench-cache migrate rollback status seed e2e ci clean

help: ## List the targets
	@grep -E '^[a-z0-9-]+:.*## ' $(MAKEFILE_LIST) | awk -F':.*## ' '{printf "  make %-12s %s\n", $$1, $$2}'

install: ## Install dependencies exactly as locked (npm ci)
	npm ci
start: ## Build, migrate, seed on first run, run API (:3001) and web (:3000)
	npm start
dev: ## API and web with hot reload
	npm run dev
build: ## Build every package and app (Turborepo)
	npm run build
test: ## Lint, typecheck, unit/integration/API tests, OpenAPI drift check, browser smoke test
	npm test
lint: ## ESLint (type-aware)
	npm run lint
typecheck: ## TypeScript project build + web typecheck
	npm run typecheck
format: ## Prettier, in place
	npm run format
generate: ## Regenerate docs/api/openapi.json from the registered routes
	npm run generate
bench: ## API benchmark (cached, uncached) against a bare Fastify baseline
	npm run bench
bench-cache: ## Cache micro benchmarks against raw lru-cache and ioredis
	npm run bench:cache
migrate: ## Apply pending migrations
	npm run db:migrate
rollback: ## Roll back the last migration (make rollback ARGS="--to 0001_initial" or ARGS=--all)
	npm run db:rollback -- $(ARGS)
status: ## Show applied and pending migrations
	npm run db:status
seed: ## Seed demo content (make seed ARGS="--posts 100000" for benchmark data)
	npm run db:seed -- $(ARGS)
e2e: ## Browser smoke test only (needs a build)
	npm run test:e2e
ci: ## What CI runs on a clean clone
	bash .ci/run
clean: ## Remove build output and caches (keeps ./data)
	rm -rf packages/*/dist apps/*/dist apps/web/.next .turbo node_modules/.cache
