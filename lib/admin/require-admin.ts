import "server-only";
import type { Actor } from "@/lib/auth/actor";
import { DomainError } from "@/lib/errors";

/** The one admin-role rule: an admin of the actor's own organisation (queries scope by `actor.orgId`). */
export function isAdmin(actor: Actor): boolean {
  return actor.role === "admin";
}

/**
 * Every admin domain function starts here (the actions check too, but a check only in the action
 * layer is a check someone will forget). Queries that follow are scoped by `actor.orgId`.
 */
export function requireAdmin(actor: Actor): void {
  if (!isAdmin(actor)) throw new DomainError("noAccess");
}
