import { mailMetadata, MailScreen, type MailSearchParams } from "../mail-screen";

type Props = {
  params: Promise<{ address: string; folder: string; messageId: string }>;
  searchParams: MailSearchParams;
};

export const generateMetadata = ({ params }: Props) => mailMetadata(params);

export default async function MessagePage({ params, searchParams }: Props) {
  return <MailScreen params={await params} searchParams={await searchParams} />;
}
