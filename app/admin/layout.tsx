import { ADMIN_MESSAGES, ClientMessages } from "@/components/i18n/ClientMessages";
import { AdminNav } from "@/components/admin/AdminNav";
import { TopBar } from "@/components/ui/TopBar";
import { setLocale, signOutAction } from "@/app/actions";
import { requireAdminPage } from "@/app/_lib/current-actor";

/** Every admin page also calls requireAdminPage() itself; this layout only draws the frame. */
export default async function AdminLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireAdminPage();
  return (
    <ClientMessages paths={ADMIN_MESSAGES}>
      <div className="flex min-h-screen flex-col">
        <TopBar actor={actor} actions={{ signOut: signOutAction, setLocale }} />
        <AdminNav />
        <main id="main" className="mx-auto w-full max-w-6xl min-w-0 flex-1 space-y-6 p-6 max-md:p-3">
          {children}
        </main>
      </div>
    </ClientMessages>
  );
}
