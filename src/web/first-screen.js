// Floor's own page carries the bundled sample's first screen, pre-rendered
// (src/web/first-screen.mjs). This runs from <head>, before the body is
// parsed: on any other address (?src=, a permalink, a search) the first
// screen is hidden at once, so that nothing but the transcript asked for
// shows; and the reader's chosen theme applies to it as it will to the
// viewer.
(function () {
  var root = document.documentElement;
  if (location.search || location.hash) root.classList.add('floor-elsewhere');
  try {
    var theme = localStorage.getItem('floor-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) {}
})();
