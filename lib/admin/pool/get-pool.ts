import "server-only";
import type { Db } from "@/db/client";
import type { Actor } from "@/lib/auth/actor";
import { requireAdmin } from "../require-admin";
import { readPoolState, type PoolState } from "./pool-state";

/** The actor's organisation's shared pool (admins only). */
export async function getPool(db: Db, actor: Actor): Promise<PoolState> {
  requireAdmin(actor);
  return readPoolState(db, actor.orgId);
}
