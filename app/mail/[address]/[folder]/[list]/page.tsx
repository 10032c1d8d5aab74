import { EmptyReadingPane } from "@/components/mail/ReadingPane";
import { mailMetadata, type ScreenParams } from "../screen";

type Props = { params: Promise<ScreenParams> };

export const generateMetadata = ({ params }: Props) => mailMetadata(params);

/** A folder with no message open: the list (the layouts) beside an empty reading pane. */
export default function FolderPage() {
  return <EmptyReadingPane />;
}
