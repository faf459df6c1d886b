// The stylesheets the first screen does without: screens.css (the screens other than Start),
// linked when the first other screen loads (web/app.js), and print.css (paper), linked as soon
// as Start is shown (web/app.js boot) or with that screen if sooner. Cascade order: style.css,
// screens.css, print.css, so that the print rules still win. The single-file build has both
// inline already (marked data-sheet).

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

const loading = new Map(); // sheet → promise
function once(name, media) {
  if (!loading.has(name)) {
    const p = document.querySelector(`[data-sheet="${name}"]`) ? Promise.resolve(true) : link(`${name}.css`, media);
    loading.set(name, p.then((ok) => {
      if (!ok) loading.delete(name); // the next call tries again
    }));
  }
  return loading.get(name);
}

export function printSheet() {
  return once('print', 'print');
}

// Resolves once both apply (or failed: a screen shown unstyled beats none).
export function screenSheets() {
  return Promise.all([printSheet(), once('screens')]);
}
