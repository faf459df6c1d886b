// Numbers as Indonesian officials type them (web/ui/format.js readNumber, formatReading):
// decimal comma, thousands dot in whole-number fields, a question where two readings exist.
// Runs under node on the source tree: node --test tests/web/number-reading.test.mjs
import { test } from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const catalog = (lang) => JSON.parse(fs.readFileSync(path.join(ROOT, 'web', 'i18n', `${lang}.json`), 'utf8'));
globalThis.KKPHAM_EMBED = { i18n: { id: catalog('id'), en: catalog('en') } };
globalThis.document = { documentElement: {} };
const { readNumber, formatReading, formatNumber } = await import(path.join(ROOT, 'web', 'ui', 'format.js'));
const { setLang } = await import(path.join(ROOT, 'web', 'ui', 'i18n.js'));

const WHOLE = { whole: true };
const PERCENT = { percent: true };

const ok = (value) => ({ state: 'ok', value });
const ask = (a, b) => ({ state: 'ambiguous', readings: [a, b] });

test('a percent field reads a decimal comma, a decimal point and a trailing percent sign', () => {
  assert.deepEqual(readNumber('87,5', PERCENT), ok(87.5));
  assert.deepEqual(readNumber('87,5 %', PERCENT), ok(87.5));
  assert.deepEqual(readNumber('87,5%', PERCENT), ok(87.5));
  assert.deepEqual(readNumber('87.5', PERCENT), ok(87.5));
  assert.deepEqual(readNumber(' 100 ', PERCENT), ok(100));
  assert.deepEqual(readNumber('0,125', PERCENT), ok(0.125));
  assert.deepEqual(readNumber('0.125', PERCENT), ok(0.125), 'a leading 0 is never a thousands group');
  assert.deepEqual(readNumber(',5', PERCENT), ok(0.5));
  assert.deepEqual(readNumber('87,', PERCENT), ok(87), 'a comma just typed, digits still to come');
  assert.equal(readNumber('87 %').state, 'invalid', 'the percent sign only where the field is a percentage');
});

test('a whole-number field reads a dot before three digits as a thousands separator', () => {
  assert.deepEqual(readNumber('1.234', WHOLE), ok(1234));
  assert.deepEqual(readNumber('12.345', WHOLE), ok(12345));
  assert.deepEqual(readNumber('1.234.567', WHOLE), ok(1234567));
  assert.deepEqual(readNumber('1234', WHOLE), ok(1234));
  assert.deepEqual(readNumber('1 234', WHOLE), ok(1234), 'a space between digit groups');
  assert.deepEqual(readNumber('12.5', WHOLE), ok(12.5), 'not three digits: a decimal point (the engine then says "whole number")');
});

test('both signs: the last one is the decimal sign, groups of three before it', () => {
  assert.deepEqual(readNumber('1.234,5'), ok(1234.5));
  assert.deepEqual(readNumber('1.234,5', WHOLE), ok(1234.5));
  assert.deepEqual(readNumber('1.234.567,89'), ok(1234567.89));
  assert.deepEqual(readNumber('1,234.5'), ok(1234.5));
  assert.equal(readNumber('1.23,5').state, 'invalid', 'a group of two digits');
  assert.equal(readNumber('1,234,5.6').state, 'invalid');
  assert.equal(readNumber('1.234,5,6').state, 'invalid', 'two decimal signs');
});

test('two readings are asked, not guessed', () => {
  assert.deepEqual(readNumber('1.234'), ask(1234, 1.234), 'a dot before three digits where decimals are allowed');
  assert.deepEqual(readNumber('1.234', PERCENT), ask(1234, 1.234));
  assert.deepEqual(readNumber('1,234', WHOLE), ask(1234, 1.234), 'a comma before three digits in a count');
  assert.deepEqual(readNumber('-1.234'), ask(-1234, -1.234));
  // One reading only: a comma in a decimal field is the decimal sign; several dots are groups.
  assert.deepEqual(readNumber('1,234'), ok(1.234));
  assert.deepEqual(readNumber('1.234.567'), ok(1234567));
  assert.deepEqual(readNumber('1,234,567', WHOLE), ok(1234567));
});

test('empty, signs and text that is not a number', () => {
  assert.deepEqual(readNumber(''), { state: 'empty' });
  assert.deepEqual(readNumber('   '), { state: 'empty' });
  assert.deepEqual(readNumber(null), { state: 'empty' });
  assert.deepEqual(readNumber('-5'), ok(-5));
  assert.deepEqual(readNumber('\u22125,5'), ok(-5.5), 'a typographic minus');
  assert.deepEqual(readNumber('+7'), ok(7));
  for (const bad of ['abc', '12a', '1..2', '.', ',', '--1', '1e5', '5 orang', '%', '1.2.3', '0.123.456']) {
    assert.deepEqual(readNumber(bad, WHOLE), { state: 'invalid', text: bad.replace(/\s+/g, '') }, bad);
  }
});

test('what the app shows goes back in unchanged (round trip through the Indonesian format)', async () => {
  await setLang('id');
  // Whole numbers shown with thousands dots read back as themselves in a count field.
  for (const n of [0, 7, 999, 1000, 1234, 12345, 100000, 1234567, 987654321]) {
    const shown = formatReading(n);
    assert.deepEqual(readNumber(shown, WHOLE), ok(n), shown);
    assert.deepEqual(readNumber(formatNumber(n), WHOLE), ok(n));
  }
  // Decimals as the app writes them into a field (decimal comma, no grouping) read back exactly.
  for (const v of [0.5, 12.5, 87.5, 99.99, 33.333333, 0.125, 1234.5]) {
    assert.deepEqual(readNumber(formatNumber(v), PERCENT), ok(v), formatNumber(v));
  }
  assert.equal(formatReading(1234, 'orang'), '1.234 orang');
  assert.equal(formatReading(87.5, 'persen'), '87,5 persen');
  assert.equal(formatReading(1.234), '1,234');
  assert.equal(formatReading(null), '');
  await setLang('en');
  assert.equal(formatReading(1234.5, 'people'), '1,234.5 people');
  await setLang('id');
});
