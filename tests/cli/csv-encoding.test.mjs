// kkpham criteria import-csv reads the CSV form's bytes in the encoding Excel saved them in: the
// same form as UTF-8, UTF-8 with BOM, UTF-16 LE/BE (BOM or, for LE, none) and Windows-1252 gives
// the same pack (same SHA-256), and says what a file that is not UTF-8 was read as; a file no
// encoding reads is refused with its line and how to save as "CSV UTF-8".
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { rmSync } from 'node:fs';
import { run, workDir, writeIn } from './lib.mjs';

const work = workDir('csv-encoding');
test.after(() => rmSync(work, { recursive: true, force: true }));

const form = [
  'right_id;right_group;right_name;indicator_id;type;text;answer_kind;unit;range_min;range_max;na_allowed;max_points;scoring;evidence;opd;legal_basis',
  'R1;sipol;Hak atas Bantuan Hukum;R1-S1;S;Ada Perda „bantuan hukum“ (’24) senilai 5 € — café;yes_no;;;;;100;ya=100 | tidak=0;;Bagian Hukum;UU 16/2011',
  'R2;ekosob;Hak atas Kesehatan;R2-H1;H;Angka kematian ibu;number;per 100.000 kelahiran hidup;0;1000;;10;"bands (-inf;110]=10 | (110;140]=8 | (140;inf)=0";;Dinas Kesehatan;UU 17/2023',
  '',
].join('\r\n');

// Node's latin1 is ISO-8859-1: map the Windows-1252 characters of 0x80..0x9F by hand.
const CP1252 = { '€': 0x80, '„': 0x84, '’': 0x92, '“': 0x93, '—': 0x97 };
function windows1252(text) {
  return Buffer.from([...text].map((ch) => CP1252[ch] ?? ch.charCodeAt(0)));
}
const utf16be = (text) => Buffer.from(text, 'utf16le').swap16();

const encodings = [
  ['UTF-8', Buffer.from(form, 'utf8'), null],
  ['UTF-8 with BOM', Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(form, 'utf8')]), null],
  ['UTF-16 LE with BOM', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(form, 'utf16le')]), 'UTF-16 LE'],
  ['UTF-16 LE without BOM', Buffer.from(form, 'utf16le'), 'UTF-16 LE'],
  ['UTF-16 BE with BOM', Buffer.concat([Buffer.from([0xfe, 0xff]), utf16be(form)]), 'UTF-16 BE'],
  ['Windows-1252', windows1252(form), 'Windows-1252'],
];

test('the same form in six encodings imports to the same pack; a non-UTF-8 file is named as read', () => {
  assert.ok(windows1252(form).includes(0x84) && !windows1252(form).includes(0xe2), 'the 1252 bytes are single bytes');
  const shas = new Set();
  for (const [name, bytes, readAs] of encodings) {
    const file = writeIn(work, `${name.replace(/\W+/g, '-')}.csv`, bytes);
    const r = run(['criteria', 'import-csv', file]);
    assert.equal(r.status, 0, `${name}: ${r.stderr}`);
    const pack = JSON.parse(r.stdout);
    assert.equal(pack.indicators[0].text.id, 'Ada Perda „bantuan hukum“ (’24) senilai 5 € — café', name);
    shas.add(r.stderr.match(/sha256 ([0-9a-f]{64})/)[1]);
    if (readAs) assert.match(r.stderr, new RegExp(`dibaca sebagai / read as ${readAs}\\n`), name);
    else assert.doesNotMatch(r.stderr, /dibaca sebagai/, name);
  }
  assert.equal(shas.size, 1, 'one pack');
});

test('a form mixing UTF-8 and Windows-1252, or with a byte no encoding defines, is refused with its line and how to save as CSV UTF-8', () => {
  const lines = form.split('\r\n');
  const mixed = Buffer.concat([Buffer.from(`${lines[0]}\r\n${lines[1]}\r\n`, 'utf8'), windows1252(`${lines[2].replace('ibu', 'ibu é')}\r\n`)]);
  const r = run(['criteria', 'import-csv', writeIn(work, 'mixed.csv', mixed)]);
  assert.equal(r.status, 1);
  assert.equal(r.stdout, '');
  assert.match(r.stderr, /csv\.encoding/);
  assert.match(r.stderr, /Baris 3: berkas CSV mencampur teks UTF-8/);
  assert.match(r.stderr, /Line 3: the CSV file mixes UTF-8 text/);
  assert.match(r.stderr, /"CSV UTF-8 \(Dibatasi koma\) \(\*\.csv\)"/);
  // A Windows-1252 file (its „ “ ’ € bytes are fine) with one byte the code page leaves undefined.
  const undefinedByte = Buffer.concat([windows1252(`${lines[0]}\r\n`), Buffer.from([0x52, 0x31, 0x9d]), windows1252(`${lines[1].slice(2)}\r\n`)]);
  const u = run(['criteria', 'import-csv', writeIn(work, 'undefined.csv', undefinedByte)]);
  assert.equal(u.status, 1);
  assert.match(u.stderr, /Baris 2: berkas CSV bukan UTF-8, UTF-16, maupun Windows-1252 \(byte 0x9D tidak dikenal\)/);
  const cut = run(['criteria', 'import-csv', writeIn(work, 'cut.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(form, 'utf16le').subarray(0, 101)]))]);
  assert.equal(cut.status, 1);
  assert.match(cut.stderr, /file\.utf16/);
  assert.match(cut.stderr, /UTF-16, tetapi isinya rusak/);
});
