/**
 * Keyboard shortcuts inside the sidebar. Keys are matched on `KeyboardEvent.code` (the
 * physical key), so Option/Alt combinations work on a Mac and in any keyboard layout.
 */
export interface Keybinding {
  /** `KeyboardEvent.code`: `KeyK`, `Digit1`, `Slash`. */
  code: string;
  /** Ctrl on Windows and Linux, ⌘ on a Mac. */
  mod?: boolean;
  alt?: boolean;
  shift?: boolean;
}

export type Platform = 'mac' | 'other';

export function detectPlatform(
  nav: { platform?: string; userAgent?: string } | undefined,
): Platform {
  const text = `${nav?.platform ?? ''} ${nav?.userAgent ?? ''}`;
  return /Mac|iPhone|iPad/.test(text) ? 'mac' : 'other';
}

export function matchesKeybinding(
  event: Pick<KeyboardEvent, 'code' | 'ctrlKey' | 'metaKey' | 'altKey' | 'shiftKey'>,
  binding: Keybinding,
  platform: Platform,
): boolean {
  const mod = platform === 'mac' ? event.metaKey : event.ctrlKey;
  const otherMod = platform === 'mac' ? event.ctrlKey : event.metaKey;
  return (
    event.code === binding.code &&
    mod === Boolean(binding.mod) &&
    !otherMod &&
    event.altKey === Boolean(binding.alt) &&
    event.shiftKey === Boolean(binding.shift)
  );
}

function keyName(code: string): string {
  if (code.startsWith('Key')) return code.slice(3);
  if (code.startsWith('Digit')) return code.slice(5);
  const named: Record<string, string> = {
    Slash: '/',
    Backslash: '\\',
    Comma: ',',
    Period: '.',
    BracketLeft: '[',
    BracketRight: ']',
    Escape: 'Esc',
    Enter: 'Enter',
  };
  return named[code] ?? code;
}

/** The keys to press, one string each: ["⌘", "K"] on a Mac, ["Ctrl", "K"] elsewhere. */
export function keybindingParts(binding: Keybinding, platform: Platform): string[] {
  const parts: string[] = [];
  if (platform === 'mac') {
    if (binding.alt) parts.push('⌥');
    if (binding.shift) parts.push('⇧');
    if (binding.mod) parts.push('⌘');
  } else {
    if (binding.mod) parts.push('Ctrl');
    if (binding.alt) parts.push('Alt');
    if (binding.shift) parts.push('Shift');
  }
  parts.push(keyName(binding.code));
  return parts;
}

/** "⌘K", "Ctrl+K": for labels and `aria-keyshortcuts`-like text. */
export function formatKeybinding(binding: Keybinding, platform: Platform): string {
  return keybindingParts(binding, platform).join(platform === 'mac' ? '' : '+');
}

/** The `aria-keyshortcuts` value: "Control+K" / "Meta+K", "Alt+Shift+S". */
export function ariaKeyshortcuts(binding: Keybinding, platform: Platform): string {
  const parts: string[] = [];
  if (binding.mod) parts.push(platform === 'mac' ? 'Meta' : 'Control');
  if (binding.alt) parts.push('Alt');
  if (binding.shift) parts.push('Shift');
  parts.push(keyName(binding.code));
  return parts.join('+');
}

/** True when focus is in a field where letters and digits are text, not shortcuts. */
export function isTextEntry(target: EventTarget | null): boolean {
  if (!target || typeof (target as Element).tagName !== 'string') return false;
  const el = target as HTMLElement;
  if (el.isContentEditable) return true;
  if (el.tagName === 'TEXTAREA' || el.tagName === 'SELECT') return true;
  if (el.tagName !== 'INPUT') return false;
  const type = (el as HTMLInputElement).type;
  return !['checkbox', 'radio', 'button', 'submit', 'reset', 'range', 'color'].includes(type);
}
