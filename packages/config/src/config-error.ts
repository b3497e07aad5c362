export interface ConfigIssue {
  /** The variable at fault, e.g. "API_PORT" or "CURSOR_SECRET_FILE". */
  variable: string;
  /** What a valid value looks like. */
  expected: string;
  /** The offending value, for non-secret variables only. */
  received?: string;
}

/** Thrown by `loadConfig` with every invalid variable at once. */
export class ConfigError extends Error {
  readonly issues: readonly ConfigIssue[];

  constructor(issues: readonly ConfigIssue[]) {
    super(formatIssues(issues));
    this.name = "ConfigError";
    this.issues = Object.freeze(issues.map((issue) => Object.freeze({ ...issue })));
  }
}

export function isConfigError(value: unknown): value is ConfigError {
  return value instanceof ConfigError;
}

function formatIssues(issues: readonly ConfigIssue[]): string {
  const lines = issues.map((issue) => {
    const received = issue.received === undefined ? "" : ` (received ${issue.received})`;
    return `  - ${issue.variable}: expected ${issue.expected}${received}`;
  });
  const count = `${issues.length} problem${issues.length === 1 ? "" : "s"}`;
  return [`Invalid configuration (${count}):`, ...lines].join("\n");
}

/**
 * A readable, multi-line report for a failed start. Accepts anything a `catch` gives it: other
 * errors are shown with their message so start-up scripts can print whatever `loadConfig` threw.
 */
export function formatConfigError(err: unknown): string {
  if (err instanceof ConfigError) {
    return `${formatIssues(err.issues)}\nFix the variables above (environment, .env or the config file) and start again.`;
  }
  if (err instanceof Error) return `Could not load the configuration: ${err.message}`;
  return `Could not load the configuration: ${String(err)}`;
}
