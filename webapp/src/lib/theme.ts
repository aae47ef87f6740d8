/** Theme preference; the first paint is handled by src/theme-init.js with the same rules. */

export type ThemeMode = 'light' | 'dark' | 'system';
export type Theme = 'light' | 'dark';

export const THEME_KEY = 'rungu-theme';
const CYCLE: readonly ThemeMode[] = ['light', 'dark', 'system'];

export function nextMode(mode: ThemeMode): ThemeMode {
  return CYCLE[(CYCLE.indexOf(mode) + 1) % CYCLE.length];
}

export function resolveTheme(mode: ThemeMode, prefersDark: boolean): Theme {
  if (mode === 'light' || mode === 'dark') return mode;
  return prefersDark ? 'dark' : 'light';
}

export function readMode(): ThemeMode {
  try {
    const v = localStorage.getItem(THEME_KEY);
    return v === 'light' || v === 'dark' ? v : 'system';
  } catch {
    return 'system';
  }
}

export function storeMode(mode: ThemeMode): void {
  try {
    localStorage.setItem(THEME_KEY, mode);
  } catch {
    // Storage blocked: the choice lasts for this page only.
  }
}

function darkQuery(): MediaQueryList | null {
  return typeof window !== 'undefined' && window.matchMedia ? window.matchMedia('(prefers-color-scheme: dark)') : null;
}

export function applyTheme(mode: ThemeMode, root: HTMLElement = document.documentElement): Theme {
  const theme = resolveTheme(mode, !!darkQuery()?.matches);
  root.setAttribute('data-theme', theme);
  root.classList.toggle('light', theme === 'light');
  root.classList.toggle('dark', theme === 'dark');
  return theme;
}

/** Re-applies the theme when the OS preference changes while the mode is "system". */
export function followSystem(getMode: () => ThemeMode): () => void {
  const q = darkQuery();
  if (!q) return () => {};
  const onChange = () => {
    if (getMode() === 'system') applyTheme('system');
  };
  q.addEventListener?.('change', onChange);
  return () => q.removeEventListener?.('change', onChange);
}
