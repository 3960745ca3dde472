/** Dark (the default) or light: kept in localStorage, applied as <html data-theme>, read by styles.css. */
import { useSyncExternalStore } from "react";

export const THEMES = ["dark", "light"] as const;
export type Theme = (typeof THEMES)[number];
const STORAGE = "tsumugi.theme";
const listeners = new Set<() => void>();

export function currentTheme(): Theme {
  return localStorage.getItem(STORAGE) === "light" ? "light" : "dark";
}

export function applyTheme(theme: Theme = currentTheme()): void {
  document.documentElement.dataset.theme = theme;
}

export function setTheme(theme: Theme): void {
  localStorage.setItem(STORAGE, theme);
  applyTheme(theme);
  for (const listener of listeners) listener();
}

export function useTheme(): Theme {
  return useSyncExternalStore((listener) => {
    listeners.add(listener);
    return () => listeners.delete(listener);
  }, currentTheme);
}
