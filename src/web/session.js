// A session page (render::session_page, `floor page`, the archive site's
// sessions/NAME.html) carries its transcript pre-rendered as the viewer
// draws it: every turn, with its ids, readable without JavaScript. This runs
// from <head> in its place of first-screen.js, and does what that does for
// the sample's first screen, but for a session page:
//
// - the reader's chosen theme applies before the page is drawn;
// - the pre-rendered page stays on a permalink (#t37), a search (?q=) or a
//   time (#t=): only another transcript (?src=) hides it at once;
// - the archive link stays the page's last element (session.css shows it
//   at the top);
// - when the viewer takes its place (State::drop_first_screen in
//   src/app/state.rs, which keeps the turn on screen where it was), the
//   focus and the words typed in the search field before the viewer was
//   ready go over to the viewer's same elements.
(function () {
  var root = document.documentElement;
  if (/[?&]src=/.test(location.search)) root.classList.add('floor-elsewhere');
  try {
    var theme = localStorage.getItem('floor-theme');
    if (theme === 'light' || theme === 'dark') root.setAttribute('data-theme', theme);
  } catch (e) {}
  document.addEventListener('DOMContentLoaded', function () {
    var page = document.querySelector('.prerendered');
    if (!page) return;
    var focused = null;
    page.addEventListener('focusin', function (e) {
      focused = e.target;
    });
    var gone = false;
    new MutationObserver(function () {
      // The archive link stays after the viewer (which comes last), so that
      // the viewer's skip link stays the page's first link.
      var link = document.querySelector('.archive-link');
      if (link && link.nextElementSibling) link.parentNode.appendChild(link);
      if (page.isConnected || gone) return;
      gone = true;
      // (Focus that had left the page for another element stays there.)
      if (document.activeElement && document.activeElement !== document.body) focused = null;
      var typed = page.querySelector('input[type=search]').value;
      // The focused element as the nearest id and the path down from it.
      var path = [];
      var el = focused;
      while (el && !el.id && el.parentElement) {
        path.unshift([].indexOf.call(el.parentElement.children, el));
        el = el.parentElement;
      }
      // In the frame the viewer first draws (after its own keeping of the place).
      requestAnimationFrame(function () {
        var search = document.getElementById('search');
        if (typed.trim() && search && !search.value) {
          search.value = typed;
          search.dispatchEvent(new Event('input', { bubbles: true }));
        }
        var target = el && el.id && document.getElementById(el.id);
        path.forEach(function (i) {
          target = target && target.children[i];
        });
        if (target) target.focus({ preventScroll: true });
      });
    }).observe(page.parentNode, { childList: true });
  });
})();
