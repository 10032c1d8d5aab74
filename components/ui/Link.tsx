// The one place next/link is imported: every other link goes through this one.
// eslint-disable-next-line no-restricted-imports
import NextLink from "next/link";
import type { ComponentProps } from "react";

/**
 * next/link, not prefetching. Next.js prefetches every link in view by default; Mailroom's pages are
 * dynamic and have no loading state, so a prefetch fetches only the route's outline and a click
 * fetches the page anyway. It cost the server without saving the user anything: 14 requests after
 * each folder page, about 9 ms of server CPU each — more than the page itself
 * (scripts/bench/page-bytes.ts, docs/benchmarks.md). A link may still ask for it (`prefetch`).
 */
export default function Link(props: ComponentProps<typeof NextLink>) {
  return <NextLink prefetch={false} {...props} />;
}
