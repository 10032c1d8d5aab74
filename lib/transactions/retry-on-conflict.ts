import "server-only";

/** PostgreSQL's "deadlock detected" and "could not serialize": the transaction can simply be run again. */
const RETRYABLE = new Set(["40P01", "40001"]);

function codeOf(error: unknown): string | undefined {
  for (let e = error as { code?: unknown; cause?: unknown } | undefined, depth = 0; e && depth < 5; depth++) {
    if (typeof e.code === "string") return e.code;
    e = e.cause as typeof e;
  }
  return undefined;
}

/** Runs a transaction again (a few times) when PostgreSQL aborted it for a deadlock or serialization failure. */
export async function withTransactionRetry<T>(run: () => Promise<T>, attempts = 3): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await run();
    } catch (error) {
      if (attempt >= attempts || !RETRYABLE.has(codeOf(error) ?? "")) throw error;
      await new Promise((resolve) => setTimeout(resolve, 20 * attempt + Math.random() * 30));
    }
  }
}
