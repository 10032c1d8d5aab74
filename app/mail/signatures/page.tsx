import type { Metadata } from "next";
import { getTranslations } from "next-intl/server";
import { SignatureForm } from "@/components/compose/SignatureForm";
import { getDb } from "@/db/client";
import { requireActor } from "@/app/_lib/current-actor";
import { listEditableSignatures, MAX_SIGNATURE_CHARS } from "@/lib/compose/signatures";
import { formatMailbox } from "@/lib/mime/format-address";
import { saveSignatureAction } from "./actions";

export async function generateMetadata(): Promise<Metadata> {
  const t = await getTranslations("compose.signatures");
  return { title: t("title") };
}

/** /mail/signatures — the signature of one's own mailbox and of each mailbox one has Full Access to. */
export default async function SignaturesPage() {
  const actor = await requireActor();
  const t = await getTranslations("compose.signatures");
  const list = await listEditableSignatures(getDb(), actor);
  return (
    <main id="main" className="flex-1 overflow-y-auto bg-white">
      <div className="mx-auto max-w-3xl space-y-6 p-6">
        <h1 className="text-xl font-semibold">{t("title")}</h1>
        <p className="text-sm text-slate-600">{t("intro")}</p>
        {list.map((m) => (
          <SignatureForm
            key={m.address}
            action={saveSignatureAction}
            mailbox={m.address}
            mailboxLabel={formatMailbox({ name: m.displayName, address: m.address })}
            own={m.own}
            defaultValue={m.text}
            max={MAX_SIGNATURE_CHARS}
          />
        ))}
      </div>
    </main>
  );
}
