import { redirect } from "next/navigation";
import { requireActor } from "@/app/_lib/current-actor";

export default async function MailHome() {
  const actor = await requireActor();
  redirect(`/mail/${encodeURIComponent(actor.address)}/inbox`);
}
