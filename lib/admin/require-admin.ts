import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

/**
 * Every admin domain function starts here (the actions check too, but a check only in the action
 * layer is a check someone will forget). Queries that follow are scoped by `actor.orgId`.
 */
export function requireAdmin(actor: Actor): void {
  if (actor.role !== "admin") throw new DomainError("noAccess");
}
