import { TopBar } from "@/components/ui/TopBar";
import { requireActor } from "@/lib/auth/current-actor";

export default async function MailLayout({ children }: { children: React.ReactNode }) {
  const actor = await requireActor();
  return (
    <div className="flex h-screen flex-col">
      <TopBar actor={actor} />
      {children}
    </div>
  );
}
