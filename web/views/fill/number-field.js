// A number input that reads what Indonesian officials type (ui/format.js readNumber), shows the
// value as read beside it ("dibaca: 1.234 orang") and asks, with the two readings as buttons,
// when the text has two ("1.234" where decimals are allowed, "1,234" in a count): nothing is
// misread silently and nothing is guessed. While a question is open the answer stays empty.

import { h, clear, setText } from '../../ui/dom.js';
import { t } from '../../ui/i18n.js';
import { readNumber, formatReading, formatNumber } from '../../ui/format.js';

// numberField({ id, value, whole, percent, unit, label?, labelledBy?, describedBy?, onValue })
//   onValue(v): v is a number, null (empty or waiting for the answer to a question) or the text
//   as typed when it is not a number (the engine then names the error).
// Returns { el, input, set(value), readback }.
export function numberField({ id, value, whole = false, percent = false, unit = '', label = null, labelledBy = null, describedBy = '', disabled = false, readOnly = false, onValue }) {
  const readId = `${id}-read`;
  const input = h('input', {
    type: 'text', id, class: 'num-input', inputmode: whole ? 'numeric' : 'decimal', autocomplete: 'off',
    value: formatNumber(value), disabled, readonly: readOnly,
    'aria-label': label, 'aria-labelledby': labelledBy, 'aria-describedby': `${readId} ${describedBy}`.trim(),
  });
  // "dibaca: 1.234" + " orang": the first part is shown while the field is in use, or always
  // when the text is not the number's plain form (so "1.234" stays explained after editing).
  const said = h('span', { class: 'num-said' });
  const unitEl = h('span', { class: 'num-unit' });
  const readback = h('span', { class: 'num-read', id: readId }, said, unitEl);
  const ask = h('span', { class: 'num-ask', hidden: true });
  const show = (r) => {
    clear(ask);
    ask.hidden = r.state !== 'ambiguous';
    setText(unitEl, unit && r.state !== 'ambiguous' ? ` ${unit}` : '');
    said.classList.toggle('plain', r.state === 'ok' && input.value.trim() === formatNumber(r.value));
    if (r.state === 'ok') setText(said, t('num.read', { value: formatReading(r.value) }));
    else if (r.state === 'invalid') setText(said, t('num.notNumber'));
    else if (r.state === 'empty') setText(said, '');
    else if (r.state === 'ambiguous') {
      setText(said, t('num.which', { text: input.value.trim() }));
      const [thousands, decimal] = r.readings;
      const choose = (v) => {
        input.value = formatNumber(v);
        update();
        input.focus();
      };
      ask.append(
        h('button', { type: 'button', class: 'num-choice', onclick: () => choose(thousands) }, t('num.asThousands', { value: formatReading(thousands, unit) })),
        h('button', { type: 'button', class: 'num-choice', onclick: () => choose(decimal) }, t('num.asDecimal', { value: formatReading(decimal, unit) })));
    }
  };
  const update = () => {
    const r = readNumber(input.value, { whole, percent });
    show(r);
    onValue(r.state === 'ok' ? r.value : r.state === 'invalid' ? r.text : null);
  };
  input.addEventListener('input', update);
  show(typeof value === 'number' ? { state: 'ok', value } : readNumber(input.value, { whole, percent }));
  const el = h('span', { class: 'num-field' }, input, readback, ask);
  return {
    el,
    input,
    readback,
    // Shows `v` (a value set elsewhere: an engine-computed percentage, a cancelled edit).
    set(v) {
      const text = formatNumber(v);
      if (input.value !== text) input.value = text;
      show(typeof v === 'number' ? { state: 'ok', value: v } : readNumber(text, { whole, percent }));
    },
  };
}
