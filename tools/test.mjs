// `npm test`: every check the project has, in one run, with one closing line.
// Steps: build, lint, format check, typecheck, unit + integration + API tests (Vitest, PGlite and the real
// PostgreSQL/Redis), OpenAPI drift + lint, and the browser smoke test (Chromium).
// Each Vitest test counts once; each other step counts as one check. All steps run even when one
// fails, so a red run shows everything that is wrong; the exit code is non-zero if anything failed.
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import path from "node:path";
import { bin, loadDotEnv, nodeBin, run } from "./lib/proc.mjs";

loadDotEnv();
process.env.NEXT_TELEMETRY_DISABLED = "1";
process.env.TURBO_TELEMETRY_DISABLED = "1";

const only = process.argv.slice(2); // e.g. `npm test -- unit e2e`
const reportDir = mkdtempSync(path.join(tmpdir(), "folio-test-"));
const results = [];
let passed = 0;
let failed = 0;

function vitestCounts(file) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    const failedFiles = report.testResults.filter(
      (r) => r.status === "failed" && r.assertionResults.length === 0,
    );
    return { passed: report.numPassedTests, failed: report.numFailedTests + failedFiles.length };
  } catch {
    return null;
  }
}

async function step(name, cmd, args, { vitestReport } = {}) {
  if (only.length > 0 && !only.includes(name)) return;
  process.stdout.write(`\n━━ ${name} ━━\n`);
  const started = Date.now();
  const code = await run(cmd, args);
  const seconds = ((Date.now() - started) / 1000).toFixed(1);
  const counts = vitestReport ? vitestCounts(vitestReport) : null;
  if (counts) {
    passed += counts.passed;
    failed += counts.failed;
    // A runner that crashed outside any test still fails the step.
    if (code !== 0 && counts.failed === 0) failed += 1;
    results.push(
      `${code === 0 ? "ok  " : "FAIL"} ${name} (${counts.passed} passed, ${counts.failed} failed, ${seconds}s)`,
    );
  } else {
    if (code === 0) passed += 1;
    else failed += 1;
    results.push(`${code === 0 ? "ok  " : "FAIL"} ${name} (${seconds}s)`);
  }
}

const unitReport = path.join(reportDir, "unit.json");
const e2eReport = path.join(reportDir, "e2e.json");
const vitestJson = (file) => ["--reporter=default", "--reporter=json", `--outputFile.json=${file}`];

// Build first: the web app's types (and so its type-aware lint) come from the packages' dist/.
await step("build", bin("turbo"), ["run", "build", "--output-logs=errors-only"]);
await step("lint", bin("eslint"), [".", "--max-warnings=0"]);
await step("format", bin("prettier"), ["--check", "."]);
await step("typecheck", bin("tsc"), ["-b", "tsconfig.json"]);
await step("typecheck-web", bin("tsc"), ["-p", "apps/web/tsconfig.json", "--noEmit"]);
await step("typecheck-tests", bin("tsc"), ["-p", "tsconfig.check.json"]);
await step("unit", bin("vitest"), ["run", ...vitestJson(unitReport)], { vitestReport: unitReport });
await step("generate", bin("tsx"), ["tools/generate.ts", "--check"]);
await step("e2e", nodeBin, ["tools/e2e.mjs", ...vitestJson(e2eReport)], { vitestReport: e2eReport });

rmSync(reportDir, { recursive: true, force: true });
process.stdout.write(`\n${results.join("\n")}\n\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
