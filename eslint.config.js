// ESLint flat config: type-aware typescript-eslint + Prettier compatibility, plus the
// architectural rules from CONVENTIONS.md (who may read process.env, who may import what).
import js from "@eslint/js";
import prettier from "eslint-config-prettier";
import globals from "globals";
import tseslint from "typescript-eslint";

const frameworkImports = {
  patterns: [
    {
      group: ["fastify", "fastify-*", "@fastify/*"],
      message: "Packages stay framework-free (CONVENTIONS.md).",
    },
    {
      group: ["next", "next/*", "react", "react-dom"],
      message: "Packages stay framework-free (CONVENTIONS.md).",
    },
    {
      group: ["@folio/*/src/*", "**/packages/*/src/*"],
      message: "Import a package by its name, not its src/.",
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      "**/node_modules/**",
      "**/dist/**",
      "**/.next/**",
      "**/.turbo/**",
      "data/**",
      "coverage/**",
      "apps/web/next-env.d.ts",
      "**/*.d.ts",
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommendedTypeChecked,
  {
    languageOptions: {
      ecmaVersion: 2023,
      sourceType: "module",
      globals: { ...globals.node },
      parserOptions: {
        project: ["./tsconfig.check.json", "./apps/web/tsconfig.json"],
        tsconfigRootDir: import.meta.dirname,
      },
    },
    rules: {
      "@typescript-eslint/consistent-type-imports": ["error", { fixStyle: "inline-type-imports" }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
      "@typescript-eslint/no-floating-promises": "error",
      "@typescript-eslint/only-throw-error": "error",
      "no-restricted-properties": [
        "error",
        {
          object: "process",
          property: "env",
          message: "Read configuration through @folio/config (CONVENTIONS.md).",
        },
      ],
      eqeqeq: ["error", "always", { null: "ignore" }],
    },
  },
  {
    files: ["**/*.js", "**/*.mjs", "**/*.cjs"],
    ...tseslint.configs.disableTypeChecked,
  },
  {
    // Only these places read the environment: the config package, the web app's env module,
    // and the tooling/test harness that starts processes.
    files: [
      "packages/config/src/**",
      "apps/web/src/env.ts",
      "apps/web/next.config.ts",
      "tools/**",
      "tests/**",
      "**/*.test.ts",
      "**/testing/**",
      "vitest.config.ts",
      "eslint.config.js",
    ],
    rules: { "no-restricted-properties": "off" },
  },
  {
    files: ["packages/**/*.ts"],
    rules: { "no-restricted-imports": ["error", frameworkImports] },
  },
  {
    files: ["**/*.test.ts", "**/testing/**", "tests/**"],
    rules: {
      "@typescript-eslint/no-non-null-assertion": "off",
      "@typescript-eslint/no-unsafe-member-access": "off",
      "@typescript-eslint/no-unsafe-assignment": "off",
    },
  },
  prettier,
);
