import { ShortcutHandlers } from './shortcuts';

/** The app's shortcut handlers; pages register theirs while mounted. */
export const shortcutHandlers = new ShortcutHandlers();

export const help = $state({ open: false });
