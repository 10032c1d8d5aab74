import "server-only";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { auth } from "@/auth";
import { getDb } from "@/db/client";
import { loadActor, type Actor } from "./actor";

/** The signed-in actor, re-read from the database once per request (suspension, deletion). */
export const currentActor = cache(async (): Promise<Actor | null> => {
  const session = await auth();
  const user = session?.user as { id?: string; orgId?: string; sid?: string } | undefined;
  if (!user?.id || !user.orgId) return null;
  return loadActor(getDb(), { accountId: user.id, orgId: user.orgId, sessionId: user.sid ?? "" });
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
  if (actor.role !== "admin") notFound();
  return actor;
}
