import { notFound } from "next/navigation";
import { DomainError } from "@/lib/errors";

/**
 * For pages, admin and mail alike: a lib call whose "not found or no access" becomes the 404 page
 * (a page never tells whether something it may not show exists).
 */
export async function orNotFound<T>(promise: Promise<T>): Promise<T> {
  try {
    return await promise;
  } catch (error) {
    if (isNotFound(error)) notFound();
    throw error;
  }
}

const isNotFound = (error: unknown) =>
  error instanceof DomainError && (error.code === "notFound" || error.code === "noAccess");

/** A lib call whose "not found or no access" is simply nothing to show (null), on a page that has more. */
export async function orNull<T>(promise: Promise<T>): Promise<T | null> {
  try {
    return await promise;
  } catch (error) {
    if (isNotFound(error)) return null;
    throw error;
  }
}
