// Downloads of the offices' files (packages, returns, the merged master). The object URL is kept
// for a minute: a busy browser may start a download well after the click, and a URL revoked
// before then gives no file at all.
import { h } from '../ui/dom.js';

// `content`: a text (JSON) or a Blob (a workbook).
export function saveFile(name, content) {
  const blob = content instanceof Blob ? content : new Blob([content], { type: 'application/json' });
  const url = URL.createObjectURL(blob);
  const a = h('a', { href: url, download: name, hidden: true });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60000);
}
