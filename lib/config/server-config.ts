import { z } from "zod";
import { parseTrustedProxies } from "@/scripts/client-address.mjs";

/**
 * The server's configuration, read from the environment once and checked (zod): a server with a
 * bad configuration stops at start with the list of problems, instead of misbehaving later.
 */
const flag = z
  .enum(["true", "false", "1", "0", ""], { error: "must be true or false" })
  .optional()
  .transform((v) => (v === undefined || v === "" ? undefined : v === "true" || v === "1"));

const validTimeZone = (zone: string) => {
  try {
    new Intl.DateTimeFormat("en", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
};

const siteUrl = z
  .url({ protocol: /^https?$/, error: "must be an http(s) URL" })
  .optional()
  .or(z.literal("").transform(() => undefined));

export const configSchema = z
  .object({
    NODE_ENV: z.string().optional(),
    AUTH_SECRET: z.string().optional(),
    AUTH_TRUST_HOST: flag,
    AUTH_URL: siteUrl,
    MAILROOM_SITE_URL: siteUrl,
    DATABASE_URL: z
      .string()
      .regex(/^postgres(ql)?:\/\//, "must be a postgres:// URL")
      .optional()
      .or(z.literal("").transform(() => undefined)),
    MAILROOM_TIME_ZONE: z
      .string()
      .default("Europe/Paris")
      .refine(validTimeZone, "is not a time zone (for example Europe/Paris)"),
    MAILROOM_TRUSTED_PROXIES: z
      .string()
      .default("")
      .superRefine((value, ctx) => {
        try {
          parseTrustedProxies(value);
        } catch (error) {
          ctx.addIssue({ code: "custom", message: (error as Error).message });
        }
      }),
    MAILROOM_SESSION_HOURS: z.coerce
      .number({ error: "must be a number of hours" })
      .positive("must be more than 0")
      .max(24 * 31, "must be at most 744 (31 days)")
      .default(12),
    MAILROOM_LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  })
  .superRefine((env, ctx) => {
    const production = env.NODE_ENV === "production";
    if (production && !env.AUTH_SECRET)
      ctx.addIssue({
        code: "custom",
        path: ["AUTH_SECRET"],
        message: "is required in production (for example: export AUTH_SECRET=$(openssl rand -base64 32))",
      });
    else if (env.AUTH_SECRET !== undefined && env.AUTH_SECRET.length < 32)
      ctx.addIssue({ code: "custom", path: ["AUTH_SECRET"], message: "must be at least 32 characters" });
  })
  .transform((env) => {
    const site = env.MAILROOM_SITE_URL ?? env.AUTH_URL;
    return {
      production: env.NODE_ENV === "production",
      authSecret: env.AUTH_SECRET,
      // Auth.js trusts the Host header only when told to (or outside production, as it does itself).
      trustHost: env.AUTH_TRUST_HOST ?? env.NODE_ENV !== "production",
      /** The site's origin ("https://mail.example.org"): state-changing requests must come from it. */
      siteOrigin: site ? new URL(site).origin : undefined,
      databaseUrl: env.DATABASE_URL,
      timeZone: env.MAILROOM_TIME_ZONE,
      trustedProxies: env.MAILROOM_TRUSTED_PROXIES,
      sessionHours: env.MAILROOM_SESSION_HOURS,
      logLevel: env.MAILROOM_LOG_LEVEL,
    };
  });

export type ServerConfig = z.output<typeof configSchema>;

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Mailroom cannot start: the configuration has problems:\n${problems.map((p) => `  - ${p}`).join("\n")}`);
    this.name = "ConfigError";
  }
}

/** Checks an environment; throws a ConfigError that names every problem and variable. */
export function parseServerConfig(env: Record<string, string | undefined>): ServerConfig {
  const parsed = configSchema.safeParse(env);
  if (parsed.success) return parsed.data;
  throw new ConfigError(
    parsed.error.issues.map((issue) => `${issue.path.join(".") || "environment"} ${issue.message}`),
  );
}

let cached: ServerConfig | undefined;
/** The process's configuration (checked once). */
export function serverConfig(): ServerConfig {
  cached ??= parseServerConfig(process.env);
  return cached;
}
