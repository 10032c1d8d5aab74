import tseslint from "typescript-eslint";
import drizzle from "eslint-plugin-drizzle";

// Links go through components/ui/Link.tsx, which does not prefetch (it says why).
const NEXT_LINK = { name: "next/link", message: "Import Link from @/components/ui/Link (no prefetching)." };

export default tseslint.config(
  {
    ignores: [
      ".next/**",
      "node_modules/**",
      ".data/**",
      "db/migrations/**",
      "test-results/**",
      "playwright-report/**",
      "next-env.d.ts",
    ],
  },
  ...tseslint.configs.recommended,
  {
    plugins: { drizzle },
    rules: {
      "drizzle/enforce-delete-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "drizzle/enforce-update-with-where": ["error", { drizzleObjectName: ["db", "tx"] }],
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_" }],
    },
  },
  // The domain knows no framework: lib/ is called by the routes, the command line, the mail
  // listeners (servers/) and the tests with nothing but (db, actor, input). Framework glue lives
  // in app/_lib/. docs/architecture.md draws the layers.
  {
    files: ["lib/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [
            { name: "next", message: "lib/ knows no framework: put Next.js glue in app/_lib/." },
            { name: "next-auth", message: "lib/ knows no framework: put Auth.js glue in app/_lib/." },
            { name: "next-intl/server", message: "lib/ knows no framework: take the locale as an argument." },
            { name: "react", message: "lib/ knows no framework." },
            { name: "react-dom", message: "lib/ knows no framework." },
          ],
          patterns: [
            { group: ["next/*", "next-auth/*"], message: "lib/ knows no framework: put the glue in app/_lib/." },
            {
              group: ["@/app/*", "@/components/*"],
              message: "lib/ is called by app/ and components/, never the reverse.",
            },
          ],
        },
      ],
    },
  },
  {
    files: ["app/**/*.{ts,tsx}"],
    rules: { "no-restricted-imports": ["error", { paths: [NEXT_LINK] }] },
  },
  // Components are presentation: the route hands them their data and its server actions as props.
  {
    files: ["components/**/*.{ts,tsx}"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          paths: [NEXT_LINK],
          patterns: [
            { group: ["@/app/*", "**/app/*"], message: "Components never import routes: take the action as a prop." },
            {
              group: ["@/db/*", "@/db", "**/db/*"],
              message: "Components reach no database: pure helpers and types live in lib/ (see docs/architecture.md).",
            },
            { group: ["@/auth", "@/auth.config"], message: "Components get the actor as a prop." },
          ],
        },
      ],
    },
  },
);
