/** The elements of `box` that Tab reaches, in document order (those not hidden by an attribute; layout is not read). */
export function tabbables(box: HTMLElement): HTMLElement[] {
  const candidates = box.querySelectorAll<HTMLElement>(
    'a[href], button:not([disabled]), input:not([disabled]):not([type="hidden"]), select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex="-1"])',
  );
  return [...candidates].filter((el) => !el.hidden && !el.closest('[hidden], [inert]'));
}

/**
 * Keeps Tab and Shift+Tab inside `box` (a modal dialog or sheet): from its last control Tab goes to its first, and
 * from its first (or the box itself) Shift+Tab to its last. Call from the box's keydown handler; true when it moved focus.
 */
export function trapTab(e: KeyboardEvent, box: HTMLElement): boolean {
  if (e.key !== 'Tab') return false;
  const all = tabbables(box);
  if (all.length === 0) {
    e.preventDefault();
    box.focus();
    return true;
  }
  const first = all[0];
  const last = all[all.length - 1];
  const active = document.activeElement;
  const inside = active instanceof Node && box.contains(active) && active !== box;
  if (e.shiftKey && (active === first || !inside)) {
    e.preventDefault();
    last.focus();
    return true;
  }
  if (!e.shiftKey && (active === last || !inside)) {
    e.preventDefault();
    first.focus();
    return true;
  }
  return false;
}
