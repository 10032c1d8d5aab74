/** Small inline icons (decorative: each use carries its own text for assistive technology). */
const common = {
  width: 14,
  height: 14,
  viewBox: "0 0 24 24",
  fill: "none",
  stroke: "currentColor",
  strokeWidth: 2,
  "aria-hidden": true,
} as const;

export function PaperclipIcon() {
  return (
    <svg {...common}>
      <path
        d="M21 12.5 12.5 21a5 5 0 0 1-7-7L14 5.5a3.5 3.5 0 0 1 5 5L10.5 19a2 2 0 0 1-3-3L15 8.5"
        strokeLinecap="round"
      />
    </svg>
  );
}

export function FlagIcon() {
  return (
    <svg {...common} fill="currentColor">
      <path d="M5 21V4h11l-1.5 4L16 12H5" strokeLinejoin="round" />
    </svg>
  );
}
