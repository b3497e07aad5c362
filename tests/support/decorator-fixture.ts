// Vitest 4 transforms TypeScript with oxc, which cannot compile TC39 (standard) decorators. Tests
// of decorators therefore type-check a fixture with the repository's strict settings and emit it
// with the TypeScript compiler, exactly as `tsc -b` would for dist/, then evaluate the output.
import { readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const baseConfig = fileURLToPath(new URL("../../tsconfig.base.json", import.meta.url));

function compilerOptions(): ts.CompilerOptions {
  const { config } = ts.readConfigFile(baseConfig, (file) => ts.sys.readFile(file));
  const parsed = ts.parseJsonConfigFileContent(config, ts.sys, path.dirname(baseConfig));
  return {
    ...parsed.options,
    composite: false,
    incremental: false,
    declaration: false,
    declarationMap: false,
  };
}

export interface CompiledFixture<T> {
  /** Whether the settings enable legacy decorators (they must not). */
  experimentalDecorators: boolean;
  /** Type errors in the fixture under the repository's settings. */
  diagnostics: string[];
  /** The emitted JavaScript (CommonJS, so it can be evaluated without a loader). */
  outputText: string;
  /** What the fixture exports. */
  exports: Partial<T>;
}

/** Type-checks, emits and evaluates a decorator fixture that imports nothing at run time. */
export function compileDecoratorFixture<T>(fixturePath: string): CompiledFixture<T> {
  const options = compilerOptions();
  const program = ts.createProgram([fixturePath], { ...options, noEmit: true });
  const diagnostics = ts
    .getPreEmitDiagnostics(program)
    .map((d) => ts.flattenDiagnosticMessageText(d.messageText, "\n"));
  const { outputText } = ts.transpileModule(readFileSync(fixturePath, "utf8"), {
    compilerOptions: { ...options, module: ts.ModuleKind.CommonJS, sourceMap: false },
  });
  const exports: Partial<T> = {};
  // eslint-disable-next-line @typescript-eslint/no-implied-eval
  const evaluate = new Function("exports", outputText) as (target: Partial<T>) => void;
  evaluate(exports);
  return {
    experimentalDecorators: options.experimentalDecorators === true,
    diagnostics,
    outputText,
    exports,
  };
}
