import { captureClientNavigation } from "./client-nav";
import type { Fixtures } from "./fixtures";
import type { HttpRequest } from "./load";
import { composeRequest } from "./send";

/**
 * The measured scenarios, one entry each. `prepare` returns the request to drive, or the reason
 * it cannot be driven on this build (a route not built yet): such a scenario is reported as
 * "not available", never measured on something else.
 */
export type Role = "delegate" | "admin";

export type Probe = { status: number; body: string };

export type Context = {
  fx: Fixtures;
  baseUrl: string;
  cookie(role: Role): string;
  get(path: string, role: Role): Promise<Probe>;
};

export type Scenario = {
  key: string;
  title: string;
  role: Role;
  prepare(ctx: Context): Promise<HttpRequest | string>;
};

const mailbox = (fx: Fixtures) => `/mail/${encodeURIComponent(fx.bigAddress)}`;

/** React escapes text this way; a page "contains" a subject when it contains this. */
export const escapeHtml = (s: string) =>
  s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#x27;");

/** A GET that must answer 200 to be measured; `route` names it in the report. */
function page(route: string, path: (fx: Fixtures) => string) {
  return async (ctx: Context): Promise<HttpRequest | string> => {
    const url = path(ctx.fx);
    const probe = await ctx.get(url, "delegate");
    return probe.status === 200 ? { method: "GET", path: url } : `GET ${route} answers ${probe.status}`;
  };
}

/** Search in a folder exists when a query matching nothing no longer lists the newest message. */
async function searchInMailbox(ctx: Context): Promise<HttpRequest | string> {
  const base = `${mailbox(ctx.fx)}/inbox`;
  const none = await ctx.get(`${base}?q=zzqxnomatch&scope=mailbox`, "delegate");
  if (none.status !== 200) return `search answers ${none.status}`;
  if (none.body.includes(escapeHtml(ctx.fx.newest.subject)))
    return "the folder page ignores ?q=, search is not built yet";
  return { method: "GET", path: `${base}?q=${encodeURIComponent(ctx.fx.searchWord)}&scope=mailbox` };
}

/** A client navigation (the RSC request the browser sends) from `from` by the link `selector`. */
function clientNavigation(from: (fx: Fixtures) => string, selector: (fx: Fixtures) => string) {
  return (ctx: Context) => captureClientNavigation(ctx.baseUrl, ctx.cookie("delegate"), from(ctx.fx), selector(ctx.fx));
}

export const SCENARIOS: Scenario[] = [
  {
    key: "folder",
    title: "folder page (shared Inbox, first page)",
    role: "delegate",
    prepare: page("/mail/{address}/inbox", (fx) => `${mailbox(fx)}/inbox`),
  },
  {
    key: "deep",
    title: "folder page deep in the list (keyset cursor at 90 %)",
    role: "delegate",
    prepare: page("/mail/{address}/inbox?after=…", (fx) => `${mailbox(fx)}/inbox?after=${fx.deepCursor}`),
  },
  {
    key: "open",
    title: "open a message",
    role: "delegate",
    prepare: page("/mail/{address}/inbox/{messageId}", (fx) => `${mailbox(fx)}/inbox/${fx.openMessageId}`),
  },
  {
    key: "openNav",
    title: "open a message by client navigation from the list (RSC)",
    role: "delegate",
    prepare: clientNavigation(
      (fx) => `${mailbox(fx)}/inbox`,
      (fx) => `#message-rows a[href="${mailbox(fx)}/inbox/${fx.newest.id}"]`,
    ),
  },
  {
    key: "pageNav",
    title: "next page of the folder by client navigation (RSC)",
    role: "delegate",
    prepare: clientNavigation(
      (fx) => `${mailbox(fx)}/inbox`,
      () => `a[href*="?after="]`,
    ),
  },
  {
    key: "folderNav",
    title: "folder switch to the shared Inbox by client navigation (RSC)",
    role: "delegate",
    prepare: clientNavigation(
      (fx) => `${mailbox(fx)}/sent`,
      (fx) => `a[href="${mailbox(fx)}/inbox"]`,
    ),
  },
  { key: "search", title: "search the shared mailbox", role: "delegate", prepare: searchInMailbox },
  {
    key: "searchAll",
    title: "search all my mailboxes",
    role: "delegate",
    prepare: page("/mail/search?scope=all", (fx) => `/mail/search?q=${encodeURIComponent(fx.searchWord)}&scope=all`),
  },
  { key: "send", title: "send to one local recipient", role: "delegate", prepare: composeRequest },
  {
    // Not a target: what any signed-in page costs on this machine (proxy, layouts, the actor and
    // access queries, an almost empty page), to set the other figures against.
    key: "floor",
    title: "floor: smallest signed-in page (404 of a mailbox that does not exist)",
    role: "delegate",
    prepare: async (ctx) => {
      const path = `/mail/${encodeURIComponent(`nobody@${ctx.fx.bigAddress.split("@")[1]}`)}/inbox`;
      const probe = await ctx.get(path, "delegate");
      return probe.status === 404 ? { method: "GET", path, expect: [404] } : `GET ${path} answers ${probe.status}`;
    },
  },
  {
    key: "admin",
    title: "admin: shared mailbox list",
    role: "admin",
    prepare: async (ctx) => {
      const probe = await ctx.get("/admin", "admin");
      return probe.status === 200 ? { method: "GET", path: "/admin" } : `GET /admin answers ${probe.status}`;
    },
  },
];
