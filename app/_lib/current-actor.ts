import "server-only";
import { cookies } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { getDb } from "@/db/client";
import { isAdmin } from "@/lib/admin/require-admin";
import { loadActor, type Actor } from "@/lib/auth/actor";
import { readSessionToken } from "@/app/_lib/session-token";

/** The signed-in actor, re-read from the database once per request (suspension, deletion). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await readSessionToken(await cookies());
  if (!session) return null;
  return loadActor(getDb(), session);
});

/** For pages: the actor, or a redirect to /login. */
export async function requireActor(): Promise<Actor> {
  const actor = await currentActor();
  if (!actor) redirect("/login");
  return actor;
}

/** For admin pages: the actor if they are an admin; everyone else gets a 404. */
export async function requireAdminPage(): Promise<Actor> {
  const actor = await requireActor();
  if (!isAdmin(actor)) notFound();
  return actor;
}
