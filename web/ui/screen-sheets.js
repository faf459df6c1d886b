// The stylesheets the first screen does without: screens.css (the screens other than Start) and
// print.css (paper). Linked once, when the first other screen loads (web/app.js, also in the
// warm-up after Start is usable), in the order style.css, screens.css, print.css, so that the
// print rules still win. The single-file build has both inline already (marked data-sheet).

function link(href, media) {
  return new Promise((resolve) => {
    const el = document.createElement('link');
    el.rel = 'stylesheet';
    el.href = href;
    if (media) el.media = media;
    el.dataset.sheet = href.replace('.css', '');
    el.addEventListener('load', () => resolve(true), { once: true });
    el.addEventListener('error', () => {
      el.remove(); // offline and not cached yet: the next screen tries again
      resolve(false);
    }, { once: true });
    const print = document.querySelector('[data-sheet="print"]');
    if (print && !media) print.before(el);
    else document.head.append(el);
  });
}

let loading = null;
// Resolves once both apply (or failed: a screen shown unstyled beats none).
export function screenSheets() {
  loading ??= Promise.all([
    document.querySelector('[data-sheet="screens"]') ? true : link('screens.css'),
    document.querySelector('[data-sheet="print"]') ? true : link('print.css', 'print'),
  ]).then((ok) => {
    if (ok.includes(false)) loading = null;
  });
  return loading;
}
