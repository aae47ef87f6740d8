export function setTitle(...parts: (string | null | undefined)[]): void {
  document.title = [...parts.filter((p): p is string => !!p), 'Rungu'].join(' · ');
}
