// Loaded synchronously from <head> (no inline script: the CSP forbids it) so the first paint already has
// the right theme. Keep in step with src/lib/theme.ts.
(function () {
  var mode = 'system';
  try {
    mode = window.localStorage.getItem('rungu-theme') || 'system';
  } catch (e) {
    // Storage can be blocked; fall back to the system preference.
  }
  var prefersDark = !!(window.matchMedia && window.matchMedia('(prefers-color-scheme: dark)').matches);
  var theme = mode === 'dark' || mode === 'light' ? mode : prefersDark ? 'dark' : 'light';
  var root = document.documentElement;
  root.setAttribute('data-theme', theme);
  root.classList.toggle('light', theme === 'light');
  root.classList.toggle('dark', theme === 'dark');
})();
