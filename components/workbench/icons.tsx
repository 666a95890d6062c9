/**
 * Line icons in the spirit of VS Code's codicons, drawn on a 16×16 grid with the current
 * text colour. Decorative: always `aria-hidden`, the label is on the control.
 */
const PATHS = {
  graph: 'M2 13.5h12M3.5 11V8M6.5 11V4.5M9.5 11V6.5M12.5 11V2.5',
  deal: 'M8.7 1.8h5.5v5.5L7.5 14 2 8.5zM11.3 4.7h.01',
  coaching: 'M8 1.8a4.2 4.2 0 0 0-2.5 7.6V11h5V9.4A4.2 4.2 0 0 0 8 1.8zM6 13h4M6.8 14.8h2.4',
  notes: 'M2 2.5h12v8H6.5L3.5 13.5v-3H2z',
  pulse: 'M1.5 8.5h3l1.5-4 2.5 8 2-5.5 1 1.5h3',
  team: 'M5.5 7a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM1.5 13.5c0-2.2 1.8-4 4-4s4 1.8 4 4M11 7.2a1.8 1.8 0 1 0 0-3.6M11.5 9.6c1.7.2 3 1.8 3 3.9',
  settings:
    'M8 10.2a2.2 2.2 0 1 0 0-4.4 2.2 2.2 0 0 0 0 4.4zM6.9 1.5h2.2l.4 1.8 1.3.7 1.7-.7 1.1 1.9-1.4 1.2v1.4l1.4 1.2-1.1 1.9-1.7-.7-1.3.7-.4 1.8H6.9l-.4-1.8-1.3-.7-1.7.7-1.1-1.9 1.4-1.2V7.4L2.4 6.2l1.1-1.9 1.7.7 1.3-.7z',
  sync: 'M13.5 8a5.5 5.5 0 0 1-9.8 3.4M2.5 8a5.5 5.5 0 0 1 9.8-3.4M12.5 1.8v3h-3M3.5 14.2v-3h3',
  check: 'M2.5 8.5l3.5 3.5 7.5-8',
  warning: 'M8 1.8l6.5 12H1.5zM8 6.2v3.6M8 11.8h.01',
  error: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM5.7 5.7l4.6 4.6M10.3 5.7l-4.6 4.6',
  info: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 7v4.5M8 4.8h.01',
  offline: 'M4.5 12.5h7a3 3 0 0 0 .6-5.9A4.5 4.5 0 0 0 3.7 5.4 3.5 3.5 0 0 0 4.5 12.5zM2 2l12 12',
  close: 'M3.5 3.5l9 9M12.5 3.5l-9 9',
  clock: 'M8 1.5a6.5 6.5 0 1 0 0 13 6.5 6.5 0 0 0 0-13zM8 4.2V8l2.6 1.6',
  search: 'M7 12a5 5 0 1 0 0-10 5 5 0 0 0 0 10zM10.6 10.6l3.9 3.9',
  account: 'M8 7.5a2.8 2.8 0 1 0 0-5.6 2.8 2.8 0 0 0 0 5.6zM2.5 14.5c0-3 2.5-5 5.5-5s5.5 2 5.5 5',
  back: 'M9.5 3l-5 5 5 5M4.5 8h9',
  signIn: 'M6.5 2.5h6v11h-6M1.5 8h8M7 5.5L9.5 8 7 10.5',
  keyboard: 'M1.5 4h13v8h-13zM4 6.5h.01M6.5 6.5h.01M9 6.5h.01M11.5 6.5h.01M4.5 9.5h7',
} as const;

export type IconName = keyof typeof PATHS;

export function Icon({ name, size = 16 }: { name: IconName; size?: number }) {
  return (
    <svg
      className="icon"
      width={size}
      height={size}
      viewBox="0 0 16 16"
      fill="none"
      stroke="currentColor"
      strokeWidth={1.2}
      strokeLinecap="round"
      strokeLinejoin="round"
      aria-hidden="true"
      focusable="false"
    >
      <path d={PATHS[name]} />
    </svg>
  );
}
