import { DomainError } from "../../lib/errors";

/** Awaits a call that must be refused with a DomainError, and returns what the user would see. */
export async function refusal(promise: Promise<unknown>) {
  try {
    await promise;
  } catch (error) {
    if (error instanceof DomainError) return { code: error.code, fieldErrors: error.fieldErrors, values: error.values };
    throw error;
  }
  throw new Error("expected a refusal, but the call succeeded");
}
