// The recording beside a viewer (src/app/media.rs): loaded by floor.js
// (`__floorMedia`) only for a viewer that has one, so a first visit does
// not carry it. It draws the player bar after the viewer's status line: the
// viewer's own player (`?media=`) or none (the host page's, named by
// `data-floor-media`, or a framing page's, which sends `floor:time`), and
// "Follow". It tells the viewer the recording's time and whether the view
// follows (`tell(seconds, following)`), or what went wrong
// (`tell(message)`); the viewer marks the turn being spoken and, when
// following, brings it into view. Scrolling and moving with the keys stop
// following; "Follow" and `f` take it up again; `p` plays or pauses, `,`
// and `.` step five seconds. Keys never act while the reader types, a
// dialog is open, or the focus is on the player (its own keys).
const STEP = 5;
const AWAY = new Set(['j', 'k', '[', ']', 'PageUp', 'PageDown', 'ArrowUp', 'ArrowDown', 'Home', 'End', ' ']);

export function attach(status, { url, selector, keys }, tell) {
  const root = status.parentElement;
  const bar = document.createElement('section');
  bar.className = 'player';
  bar.setAttribute('aria-label', 'Recording');
  bar.hidden = true;
  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'follow';
  button.textContent = 'Follow';
  button.title = 'Keep the turn being spoken in view';
  button.setAttribute('aria-keyshortcuts', 'f');
  bar.append(button);
  status.after(bar);

  let following = true;
  let last = 0;
  const follow = (on) => {
    following = on;
    button.setAttribute('aria-pressed', String(on));
  };
  follow(true);
  const heard = (seconds) => {
    bar.hidden = false;
    last = seconds;
    tell(seconds, following);
  };

  let media = null;
  if (url) {
    // An audio file's extension plays in an <audio>, anything else in a <video>.
    const audio = /\.(mp3|m4a|aac|oga|ogg|opus|wav|flac|weba)$/i.test(new URL(url, location.href).pathname);
    media = document.createElement(audio ? 'audio' : 'video');
    Object.assign(media, { controls: true, preload: 'metadata', src: url });
    media.setAttribute('playsinline', '');
    media.addEventListener('error', () =>
      tell('The recording could not be played: its address did not answer, or this browser cannot play its type. The transcript stays.'),
    );
    bar.prepend(media);
    bar.hidden = false;
  } else if (selector) {
    try {
      media = document.querySelector(selector);
    } catch {}
    if (!(media instanceof HTMLMediaElement)) {
      media = null;
      tell(`This page has no <video> or <audio> at \u201c${selector}\u201d for the transcript to follow.`);
    } else {
      bar.hidden = false;
    }
  }
  const onTime = () => heard(media.currentTime);
  media?.addEventListener('timeupdate', onTime);

  button.addEventListener('click', () => {
    follow(!following);
    if (following) tell(last, true);
  });
  const away = () => follow(false);
  root.addEventListener('wheel', away, { passive: true });
  root.addEventListener('touchmove', away, { passive: true });
  const onKey = (e) => {
    const target = e.composedPath()[0];
    if (e.ctrlKey || e.metaKey || e.altKey || bar.hidden || root.querySelector('dialog[open]')) return;
    // The player's own keys (space, arrows) are the player's.
    if (target instanceof Node && (bar.contains(target) || target === media)) return;
    if (target instanceof Element && target.closest('input, textarea, select, [contenteditable]')) return;
    if (AWAY.has(e.key)) return follow(false);
    if (e.key === 'f') {
      button.click();
    } else if (media && e.key === 'p') {
      media.paused ? media.play().catch(() => {}) : media.pause();
    } else if (media && (e.key === ',' || e.key === '.')) {
      media.currentTime = Math.max(0, media.currentTime + (e.key === ',' ? -STEP : STEP));
    } else {
      return;
    }
    e.preventDefault();
  };
  (keys ?? window).addEventListener('keydown', onKey);

  return {
    // A turn's time was chosen: the player plays from there.
    seek(seconds) {
      if (!media) return;
      media.currentTime = seconds;
      media.play().catch(() => {});
      follow(true);
      heard(seconds);
    },
    // A framing page's player is at `seconds`.
    time: heard,
    detach() {
      media?.removeEventListener('timeupdate', onTime);
      (keys ?? window).removeEventListener('keydown', onKey);
      bar.remove();
    },
  };
}
