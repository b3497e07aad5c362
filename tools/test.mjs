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

const failures = [];

// The failed tests of a Vitest JSON report, with the start of each message: CI shows only the
// end of its output, so the closing summary names what failed and why.
function collectFailures(step, report) {
  for (const file of report.testResults) {
    const relative = path.relative(process.cwd(), file.name);
    if (file.status === "failed" && file.assertionResults.length === 0) {
      failures.push(`${step}: ${relative}: ${firstLines(file.message ?? "failed to run")}`);
    }
    for (const test of file.assertionResults) {
      if (test.status !== "failed") continue;
      const message = firstLines((test.failureMessages ?? []).join("\n") || "failed");
      failures.push(`${step}: ${relative} › ${test.fullName}\n    ${message}`);
    }
  }
}

function firstLines(text) {
  // eslint-disable-next-line no-control-regex -- strip terminal colours from Vitest's messages
  const plain = text.replace(/\u001b\[[0-9;]*m/g, "");
  const lines = plain.split("\n").filter((line) => line.trim() !== "" && !/^\s+at /.test(line));
  const head = lines.slice(0, 12).join("\n    ");
  return head.length > 1500 ? `${head.slice(0, 1500)}…` : head;
}

function vitestCounts(file, step) {
  try {
    const report = JSON.parse(readFileSync(file, "utf8"));
    collectFailures(step, report);
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
  const counts = vitestReport ? vitestCounts(vitestReport, name) : null;
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
if (failures.length > 0) {
  process.stdout.write(`\n━━ failed tests ━━\n${failures.join("\n")}\n`);
}
process.stdout.write(`\n${results.join("\n")}\n\ntests: ${passed} passed, ${failed} failed\n`);
process.exit(failed > 0 ? 1 : 0);
