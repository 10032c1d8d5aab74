import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";

/** For pages: a lib call whose "not found or no access" becomes the 404 page. */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (error instanceof DomainError && (error.code === "notFound" || error.code === "noAccess")) notFound();
    throw error;
  }
}

/** A single query-string value (Next gives arrays for repeated keys). */
export const param = (value: string | string[] | undefined): string | undefined =>
  (Array.isArray(value) ? value[0] : value) || undefined;

export type SearchParams = Promise<Record<string, string | string[] | undefined>>;
