import "server-only";
import pino from "pino";

/**
 * The process's structured logger (JSON lines on stdout). Never log a password, a session token or
 * a message body: the redaction below is a safety net, not the rule.
 */
type Global = { __mailroomLogger?: pino.Logger };

export const logger: pino.Logger = ((globalThis as Global).__mailroomLogger ??= pino({
  level: process.env.MAILROOM_LOG_LEVEL || (process.env.NODE_ENV === "test" ? "silent" : "info"),
  base: { service: "mailroom" },
  redact: {
    paths: ["password", "*.password", "body", "*.body", "raw", "*.raw", "cookie", "*.cookie", "headers.cookie"],
    censor: "[redacted]",
  },
}));
