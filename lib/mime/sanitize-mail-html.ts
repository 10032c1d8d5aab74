import sanitizeHtml, { type IOptions } from "sanitize-html";

/**
 * HTML mail, made safe to show: sanitize-html with an allow-list for mail (no script, style
 * element, SVG, MathML, form, frame, object, meta, base or link; no event handler; links to
 * http(s) and mailto only; inline styles limited to layout and typography properties whose values
 * call no function but colours and calc — so no url(), @import, expression() or image-set()).
 * Remote images are dropped unless the reader asked for them; inline (cid:) images arrive as
 * data: URLs (mailparser) and only raster types are kept.
 *
 * This is one of three layers: the result is also shown in an iframe sandboxed without scripts
 * and served with a strict Content-Security-Policy (mailFrameCsp).
 */

const TAGS = [
  "a",
  "abbr",
  "address",
  "article",
  "aside",
  "b",
  "bdi",
  "bdo",
  "big",
  "blockquote",
  "br",
  "caption",
  "center",
  "cite",
  "code",
  "col",
  "colgroup",
  "dd",
  "del",
  "details",
  "dfn",
  "div",
  "dl",
  "dt",
  "em",
  "figcaption",
  "figure",
  "font",
  "footer",
  "h1",
  "h2",
  "h3",
  "h4",
  "h5",
  "h6",
  "header",
  "hr",
  "i",
  "img",
  "ins",
  "kbd",
  "li",
  "main",
  "mark",
  "nav",
  "ol",
  "p",
  "pre",
  "q",
  "s",
  "samp",
  "section",
  "small",
  "span",
  "strike",
  "strong",
  "sub",
  "summary",
  "sup",
  "table",
  "tbody",
  "td",
  "tfoot",
  "th",
  "thead",
  "time",
  "tr",
  "tt",
  "u",
  "ul",
  "var",
  "wbr",
];

/** Dropped with their content: not text a reader should see. */
const DROP_WITH_CONTENT = [
  "script",
  "style",
  "textarea",
  "option",
  "xmp",
  "title",
  "noscript",
  "noembed",
  "noframes",
  "iframe",
  "template",
  "select",
  "object",
  "applet",
];

const PROPERTIES = [
  "color",
  "background-color",
  "background",
  "border",
  "border-top",
  "border-right",
  "border-bottom",
  "border-left",
  "border-color",
  "border-style",
  "border-width",
  "border-top-color",
  "border-right-color",
  "border-bottom-color",
  "border-left-color",
  "border-top-style",
  "border-right-style",
  "border-bottom-style",
  "border-left-style",
  "border-top-width",
  "border-right-width",
  "border-bottom-width",
  "border-left-width",
  "border-radius",
  "border-collapse",
  "border-spacing",
  "margin",
  "margin-top",
  "margin-right",
  "margin-bottom",
  "margin-left",
  "padding",
  "padding-top",
  "padding-right",
  "padding-bottom",
  "padding-left",
  "width",
  "height",
  "min-width",
  "max-width",
  "min-height",
  "max-height",
  "font",
  "font-family",
  "font-size",
  "font-weight",
  "font-style",
  "font-variant",
  "line-height",
  "letter-spacing",
  "word-spacing",
  "text-align",
  "text-decoration",
  "text-transform",
  "text-indent",
  "vertical-align",
  "white-space",
  "word-break",
  "word-wrap",
  "overflow-wrap",
  "display",
  "list-style-type",
  "list-style-position",
  "table-layout",
  "direction",
  "float",
  "clear",
  "opacity",
  "caption-side",
  "empty-cells",
];

/**
 * A CSS value with no backslash (escapes could spell url), no at-sign, no angle or curly
 * brackets, no semicolon, and no function call but rgb/rgba/hsl/hsla/calc.
 */
const SAFE_VALUE = /^(?:[^\\@<>{};()]|(?<=(?:^|[^\w-])(?:rgba?|hsla?|calc))\(|\))*$/i;

const RASTER_DATA_URL = /^data:image\/(?:png|jpe?g|gif|webp|bmp);base64,[a-z0-9+/=\s]+$/i;
const ABSOLUTE_LINK = /^\s*(?:https?:|mailto:|#)/i;
const REMOTE_URL = /^\s*(?:https?:)?\/\//i;

export type SanitizedMail = { html: string; blockedImages: number };

function options(allowRemoteImages: boolean, counter: { blocked: number }): IOptions {
  return {
    allowedTags: TAGS,
    nonTextTags: DROP_WITH_CONTENT,
    disallowedTagsMode: "discard",
    allowedAttributes: {
      "*": ["style", "dir", "lang", "title", "align", "valign", "width", "height", "bgcolor"],
      a: ["href", "name", "target", "rel"],
      img: ["src", "alt"],
      td: ["colspan", "rowspan", "nowrap"],
      th: ["colspan", "rowspan", "nowrap", "scope"],
      table: ["border", "cellpadding", "cellspacing"],
      font: ["color", "face", "size"],
      ol: ["start", "type"],
      ul: ["type"],
      li: ["value"],
      col: ["span"],
      colgroup: ["span"],
      time: ["datetime"],
    },
    allowedSchemes: ["http", "https", "mailto"],
    allowedSchemesByTag: { img: allowRemoteImages ? ["data", "https", "http"] : ["data"] },
    allowedSchemesAppliedToAttributes: ["href", "src", "cite", "action", "formaction", "background", "poster"],
    allowProtocolRelative: false,
    allowedStyles: { "*": Object.fromEntries(PROPERTIES.map((p) => [p, [SAFE_VALUE]])) },
    parseStyleAttributes: true,
    transformTags: {
      a: (tagName, attribs) => {
        const { href, ...rest } = attribs;
        // Relative links mean nothing in a mail (and would point into Mailroom): kept as text.
        const keep = href !== undefined && ABSOLUTE_LINK.test(href);
        return {
          tagName,
          attribs: { ...rest, ...(keep ? { href } : {}), target: "_blank", rel: "noopener noreferrer" },
        };
      },
      img: (tagName, attribs) => {
        const { src = "", ...rest } = attribs;
        if (RASTER_DATA_URL.test(src)) return { tagName, attribs: { ...rest, src } };
        if (REMOTE_URL.test(src)) {
          if (allowRemoteImages && /^\s*https?:\/\//i.test(src))
            return { tagName, attribs: { ...rest, src: src.trim() } };
          counter.blocked += 1;
        }
        return { tagName, attribs: rest };
      },
    },
  };
}

/** Sanitises an HTML mail body (the fragment or document mailparser gives). */
export function sanitizeMailHtml(html: string, { allowRemoteImages = false } = {}): SanitizedMail {
  const counter = { blocked: 0 };
  const clean = sanitizeHtml(html, options(allowRemoteImages, counter));
  return { html: clean, blockedImages: counter.blocked };
}

/** The policy the mail frame is served with; frame-ancestors and sandbox only work as a header. */
export function mailFrameCsp({ allowRemoteImages = false, header = true } = {}): string {
  const directives = [
    "default-src 'none'",
    `img-src data:${allowRemoteImages ? " https: http:" : ""}`,
    "style-src 'unsafe-inline'",
    "font-src data:",
    "base-uri 'none'",
    "form-action 'none'",
  ];
  if (header) directives.push("frame-ancestors 'self'", "sandbox allow-popups allow-popups-to-escape-sandbox");
  return directives.join("; ");
}

const FRAME_STYLE =
  "html{color-scheme:light}body{margin:16px;font:14px/1.5 system-ui,sans-serif;color:#0f172a;overflow-wrap:anywhere}" +
  "img{max-width:100%;height:auto}table{max-width:100%}pre{white-space:pre-wrap}a{color:#0f6cbd}";

/** The whole document the frame loads: the sanitised body with the same policy in a meta tag. */
export function mailFrameDocument(sanitized: string, { allowRemoteImages = false, lang = "" } = {}): string {
  const csp = mailFrameCsp({ allowRemoteImages, header: false });
  return (
    `<!doctype html><html${lang ? ` lang="${lang.replace(/[^a-zA-Z-]/g, "")}"` : ""}><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${csp}">` +
    `<meta name="referrer" content="no-referrer"><style>${FRAME_STYLE}</style></head>` +
    `<body>${sanitized}</body></html>`
  );
}
