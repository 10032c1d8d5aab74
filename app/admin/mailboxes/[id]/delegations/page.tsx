import Link from "@/components/ui/Link";
import { getTranslations } from "next-intl/server";
import { DelegationGrid } from "@/components/admin/delegations/DelegationGrid";
import { getDb } from "@/db/client";
import { loadDelegationGrid } from "@/lib/admin/delegations/load-delegation-grid";
import { requireAdminPage } from "@/app/_lib/current-actor";
import { orNotFound } from "@/app/_lib/or-not-found";
import { delegationsAction } from "../../actions";

/** Configure delegations of any mailbox of the organisation, shared or user (R3). */
export default async function DelegationsPage({ params }: { params: Promise<{ id: string }> }) {
  const actor = await requireAdminPage();
  const { id } = await params;
  const grid = await orNotFound(loadDelegationGrid(getDb(), actor, id));
  const t = await getTranslations("admin");
  const back = grid.mailbox.kind === "shared" ? `/admin/shared/${grid.mailbox.id}` : `/admin/users/${grid.mailbox.id}`;
  return (
    <>
      <Link href={back} className="text-sm text-brand-600 underline">
        {t("backTo", { address: grid.mailbox.address })}
      </Link>
      <h1 className="text-2xl font-semibold">{t("delegations.title", { address: grid.mailbox.address })}</h1>
      <p className="max-w-3xl text-sm text-slate-700">{t("delegations.intro")}</p>
      <DelegationGrid
        action={delegationsAction}
        mailbox={grid.mailbox}
        people={grid.rows.map(({ id, address, displayName, state, current }) => ({
          id,
          address,
          displayName,
          state,
          current,
        }))}
      />
    </>
  );
}
