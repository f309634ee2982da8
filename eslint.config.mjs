import officeAddins from "eslint-plugin-office-addins";
import tsParser from "@typescript-eslint/parser";

export default [
  { ignores: ["dist/**", "build/**", "out/**", "node_modules/**", "examples/**", "bench/data/**"] },
  ...officeAddins.configs.recommended,
  {
    plugins: { "office-addins": officeAddins },
    languageOptions: { parser: tsParser },
    // TypeScript checks names itself (tsc --noEmit runs in npm test); ESLint's no-undef knows no TS types.
    rules: { "no-undef": "off" },
  },
];
