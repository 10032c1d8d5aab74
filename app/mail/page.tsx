import { redirect } from "next/navigation";
import { requireActor } from "@/lib/auth/current-actor";

export default async function MailHome() {
  const actor = await requireActor();
  redirect(`/mail/${encodeURIComponent(actor.address)}/inbox`);
}
