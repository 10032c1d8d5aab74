/**
 * Small icons (decorative: each use carries its own text for assistive technology). The list's
 * rows use each many times: `IconSprites` draws them once per page, `Icon` refers to them.
 */
const common = {
  width: 14,
  height: 14,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
} as const;

export function IconSprites() {
  return (
    <svg style={{ display: "none" }} aria-hidden="true">
      <symbol id="icon-paperclip" viewBox="0 0 24 24">
        <path
          d="M21 12.5 12.5 21a5 5 0 0 1-7-7L14 5.5a3.5 3.5 0 0 1 5 5L10.5 19a2 2 0 0 1-3-3L15 8.5"
          fill="none"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinecap="round"
        />
      </symbol>
      <symbol id="icon-flag" viewBox="0 0 24 24">
        <path
          d="M5 21V4h11l-1.5 4L16 12H5"
          fill="currentColor"
          stroke="currentColor"
          strokeWidth={2}
          strokeLinejoin="round"
        />
      </symbol>
    </svg>
  );
}

/** One of the sprites (IconSprites must be on the page). */
export function Icon({ name }: { name: "paperclip" | "flag" }) {
  return (
    <svg width={common.width} height={common.height} aria-hidden="true">
      <use href={`#icon-${name}`} />
    </svg>
  );
}
