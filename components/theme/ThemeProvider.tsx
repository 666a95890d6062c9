import { useEffect, useLayoutEffect, useState } from 'react';
import type { ThemePreference } from '../data-contract/types';

export type Theme = 'light' | 'dark';

const DARK_QUERY = '(prefers-color-scheme: dark)';

function systemTheme(): Theme {
  return typeof matchMedia === 'function' && matchMedia(DARK_QUERY).matches ? 'dark' : 'light';
}

/** The theme a preference stands for now (the system's for `system`). */
export function resolveTheme(preference: ThemePreference): Theme {
  return preference === 'system' ? systemTheme() : preference;
}

/**
 * Applies a theme to a document: `data-theme` picks the CSS variables of theme.css and
 * `color-scheme` gives native controls and scrollbars the matching look. A page may call it
 * before it renders anything (the sidebar does, once it has read the stored preference), so
 * its first frame already has the user's theme.
 */
export function applyDocumentTheme(root: HTMLElement, theme: Theme): void {
  root.dataset.theme = theme;
  root.style.colorScheme = theme;
}

/** The theme in force: the preference, or the system's (followed live when it changes). */
export function useResolvedTheme(preference: ThemePreference): Theme {
  const [system, setSystem] = useState<Theme>(systemTheme);
  useEffect(() => {
    if (preference !== 'system' || typeof matchMedia !== 'function') return;
    const query = matchMedia(DARK_QUERY);
    const update = () => setSystem(query.matches ? 'dark' : 'light');
    update();
    query.addEventListener('change', update);
    return () => query.removeEventListener('change', update);
  }, [preference]);
  return preference === 'system' ? system : preference;
}

/** Keeps a document's theme (`applyDocumentTheme`) in step, before the browser paints. */
export function useDocumentTheme(theme: Theme, root: HTMLElement | null): void {
  useLayoutEffect(() => {
    if (root) applyDocumentTheme(root, theme);
  }, [theme, root]);
}
