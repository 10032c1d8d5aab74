import { mailMetadata, MailScreen, type MailSearchParams } from "./mail-screen";

type Props = { params: Promise<{ address: string; folder: string }>; searchParams: MailSearchParams };

export const generateMetadata = ({ params }: Props) => mailMetadata(params);

export default async function FolderPage({ params, searchParams }: Props) {
  return <MailScreen params={await params} searchParams={await searchParams} />;
}
