#!/usr/bin/env node
// Regenerates the seed corpora in tests/fuzz/corpus/<harness>/ from the shipped packs, the CSV
// form and the shared vectors (tests/vectors/), plus a few hostile inputs. The files are small
// (under the fuzzers' -max_len of 64 KiB) and committed; rerun this after a format change:
//
//   node tests/fuzz/make-corpus.mjs        (needs the native CLI: cmake --workflow --preset native)
//
// Environment: KKPHAM_CLI (default build/native/tools/kkpham/kkpham).
import fs from 'node:fs';
import path from 'node:path';
import { spawnSync } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const cli = process.env.KKPHAM_CLI ?? path.join(root, 'build/native/tools/kkpham/kkpham');
const corpus = path.join(root, 'tests/fuzz/corpus');
const MAX = 65536;

function kkpham(...args) {
  const r = spawnSync(cli, args, { encoding: 'utf8', maxBuffer: 1 << 28 });
  if (r.error) throw r.error;
  if (r.status !== 0) throw new Error(`kkpham ${args.join(' ')}: ${r.stderr}`);
  return r.stdout;
}
const read = (p) => fs.readFileSync(path.join(root, p), 'utf8');
const sha = (packPath) => JSON.parse(kkpham('validate', '--format', 'json', path.join(root, packPath))).pack.sha256;

const written = {};
function put(harness, name, content) {
  const buf = Buffer.isBuffer(content) ? content : Buffer.from(content);
  if (buf.length > MAX) throw new Error(`${harness}/${name}: ${buf.length} bytes is over ${MAX}`);
  const dir = path.join(corpus, harness);
  fs.mkdirSync(dir, { recursive: true });
  fs.writeFileSync(path.join(dir, name), buf);
  (written[harness] ??= []).push(name);
}

for (const h of ['pack', 'answers', 'template', 'explain', 'csv', 'gap', 'compare', 'migrate']) {
  fs.rmSync(path.join(corpus, h), { recursive: true, force: true });
}

// --- packs ------------------------------------------------------------------------------------
const reference = JSON.parse(read('criteria/kkpham-22-2021.json'));
// The reference pack is 300 KB: seed with a valid slice (two rights of each group).
function slice(pack, rightsPerGroup) {
  const p = structuredClone(pack);
  const keep = new Set();
  for (const g of p.groups) p.rights.filter((r) => r.group === g.id).slice(0, rightsPerGroup).forEach((r) => keep.add(r.id));
  p.rights = p.rights.filter((r) => keep.has(r.id));
  p.indicators = p.indicators.filter((i) => keep.has(i.right)).filter((_, k) => k % 2 === 0 || k < 8);
  if (p.aggregation?.right_weights?.value && typeof p.aggregation.right_weights.value === 'object') {
    p.aggregation.right_weights.value = Object.fromEntries(
      Object.entries(p.aggregation.right_weights.value).filter(([k]) => keep.has(k)));
  }
  return p;
}
let refSlice = slice(reference, 1);
put('pack', 'reference-slice.json', JSON.stringify(refSlice));
for (const f of ['mini-pack.json', 'rounding-pack.json', 'permenkumham-25-2013.json']) {
  put('pack', f, read(`tests/fixtures/${f}`));
}
const mini = JSON.parse(read('tests/fixtures/mini-pack.json'));
put('pack', 'mini-compact.json', JSON.stringify(mini));
put('pack', 'mini-bom.json', '\ufeff' + JSON.stringify(mini));
const overlap = structuredClone(mini);
for (const ind of overlap.indicators) {
  if (ind.scoring.rule === 'bands' && ind.scoring.bands.length > 1) {
    ind.scoring.bands[1].min = -5;  // (-5;3) overlaps (-inf;0]
    break;
  }
}
put('pack', 'mini-overlapping-bands.json', JSON.stringify(overlap));
const badPredicates = structuredClone(mini);
badPredicates.aggregation.predicates.reverse();
put('pack', 'mini-predicates-out-of-order.json', JSON.stringify(badPredicates));
put('pack', 'points-100-over-k.json', read('tests/vectors/packs/points-100-over-k.json'));  // exact sums past 128 bits
put('pack', 'deep.json', '['.repeat(200) + ']'.repeat(200));
put('pack', 'truncated.json', JSON.stringify(mini).slice(0, 700));
put('pack', 'duplicate-key.json', '{"format":"kkpham-pack","format":"kkpham-pack"}');
put('pack', 'numbers.json', '{"format_version":1e999,"x":-0,"y":-0.0e-0,"z":18446744073709551616}');

// --- answers ----------------------------------------------------------------------------------
const hashes = {};
for (const p of ['criteria/kkpham-22-2021.json', 'tests/fixtures/mini-pack.json', 'tests/fixtures/permenkumham-25-2013.json',
                 'tests/fixtures/rounding-pack.json']) {
  hashes[p] = sha(p);
}
const answersSeeds = [];
for (const name of JSON.parse(read('tests/vectors/index.json'))) {
  const v = JSON.parse(read(`tests/vectors/${name}.json`));
  let text;
  if (typeof v.answers_text === 'string') text = v.answers_text;
  else if (v.answers) {
    const a = structuredClone(v.answers);
    if (a?.pack?.sha256 === '@pack') a.pack.sha256 = hashes[v.pack] ?? sha(v.pack);
    text = JSON.stringify(a, null, 1);
  } else if (v.answers_template) {
    text = JSON.stringify(JSON.parse(kkpham('template', path.join(root, v.pack), '--fill', v.answers_template.fill ?? 'blank')));
  }
  if (!text || Buffer.byteLength(text) > MAX) continue;  // the 200 KB deep-nesting vector: see deep.json
  put('answers', `vector-${name}.json`, text);
  answersSeeds.push([name, text]);
}
const refPack = path.join(root, 'criteria/kkpham-22-2021.json');
for (const [fill, extra] of [['blank', []], ['max', []], ['random', ['--seed', '3']]]) {
  const t = JSON.parse(kkpham('template', refPack, '--fill', fill, ...extra));
  // Compact, and without the (empty) notes and offices, to stay under 64 KiB.
  for (const a of Object.values(t.answers)) {
    delete a.note;
    delete a.opd;
  }
  const text = JSON.stringify(t);
  put('answers', `reference-${fill}.json`, text);
  answersSeeds.push([`reference-${fill}`, text]);
}
const miniMax = kkpham('template', path.join(root, 'tests/fixtures/mini-pack.json'), '--fill', 'max');
put('answers', 'mini-max-markup.json', miniMax.replace('"name": ""', '"name": "<img src=x onerror=alert(1)>"')
  .replace(/"note": ""/, '"note": "<script>alert(1)</script>\\u0000\\u001f"'));
put('answers', 'deep.json', '{"answers":' + '['.repeat(100) + ']'.repeat(100) + '}');
put('answers', 'lone-surrogate.json', '{"format":"kkpham-answers","region":{"name":"\\ud800"}}');
put('answers', 'invalid-utf8.json', Buffer.concat([Buffer.from('{"format":"kkpham-answers","region":{"name":"'),
  Buffer.from([0xc0, 0xaf, 0xff]), Buffer.from('"}}')]));
put('answers', 'utf16.json', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('{"format":"x"}', 'utf16le')]));
put('answers', 'pack-as-answers.json', JSON.stringify(mini));

// --- template options -------------------------------------------------------------------------
const options = [
  {}, { fill: 'blank' }, { fill: 'max' }, { fill: 'random', seed: 42 }, { fill: 'random', seed: 7, complete: true },
  { fill: 'max', region: { name: 'Kabupaten Contoh', kind: 'kabupaten', province: 'Jawa Tengah', code: '33.06' } },
  { fill: 'blank', region: { name: '<img src=x onerror=alert(1)>', kind: 'kota' }, data_year: 2025, assessment_year: 2026 },
  { fill: 'random', seed: 18446744073709551615n, data_year: 2013, updated_at: '2026-11-23T08:00:00Z' },
  { fill: 'nope' }, { seed: -1 }, { data_year: 1e999 },
];
options.forEach((o, i) => put('template', `options-${i}.json`,
  JSON.stringify(o, (_, v) => (typeof v === 'bigint' ? `@${v}@` : v)).replace(/"@(\d+)@"/g, '$1')
    .replace('"data_year":null', '"data_year":1e999')));

// --- explain: "<id or #N>\n<answers>" ------------------------------------------------------------
// The derived harnesses get the small answers files, and the big reference-pack ones only once or twice.
const small = ([name, text]) => Buffer.byteLength(text) < 8192 || name === 'reference-random';
answersSeeds.forEach(([name, text], i) => {
  if (/error-|deep/.test(name) || !small([name, text])) return;
  put('explain', `explain-${name}.txt`, `#${i}\n${text}`);
});
put('explain', 'explain-by-id.txt', `KES-H3\n${answersSeeds.find(([n]) => n === 'reference-max')[1]}`);
put('explain', 'explain-unknown.txt', `<b>TIDAK-ADA</b>\n${answersSeeds.find(([n]) => n === 'reference-blank')[1]}`);

const byName = Object.fromEntries(answersSeeds);
// --- gap: "<options>\n<answers>" -------------------------------------------------------------------
const usable = answersSeeds.filter(([n, t]) => !/error-|deep/.test(n) && small([n, t]));
const refIds = reference.indicators.map((i) => i.id);
const gapOptions = ['', '{}', '{"target":75}', '{"target":100,"basis":"evidenced"}', '{"target":0}', '{"target":65.5,"basis":"claimed"}',
  JSON.stringify({ target: 100, effort: Object.fromEntries(refIds.map((id, i) => [id, 1000 - i])) }),
  JSON.stringify({ effort: { [refIds[0]]: 1, [refIds[1]]: 0, 'TIDAK-ADA': 3 } }), '{"target":1e999}', '{"basis":"<img src=x>"}'];
usable.forEach(([name, text], i) => put('gap', `gap-${name}.txt`, `${gapOptions[i % gapOptions.length]}\n${text}`));
gapOptions.forEach((o, i) => put('gap', `gap-options-${i}.txt`, `${o}\n${byName[i % 2 ? 'reference-random' : 'mini-mixed']}`));
// The 100/k pack: gains whose common denominator passes 128 bits (analysis/gap_cover.cpp).
put('gap', 'gap-points-100-over-k-target-90.txt', `{"target":90}\n${byName['points-100-over-k']}`);

// --- compare: "<A>\n#---\n<B>" --------------------------------------------------------------------
const pairs = [['reference-random', 'mini-mixed'], ['mini-mixed', 'mini-fraction'],
  ['mini-mixed', 'reference-max'], ['2013-batang-83.75', '2013-purbalingga-88.75'], ['rounding-74.995', 'rounding-74.99']];
for (const [a, b] of pairs) put('compare', `pair-${a}--${b}.txt`, `${byName[a]}\n#---\n${byName[b]}`);
const resultText = kkpham('score', '--format', 'json', '--pack', path.join(root, 'tests/fixtures/mini-pack.json'),
  path.join(root, 'tests/fuzz/corpus/answers/vector-mini-mixed.json'));
put('compare', 'result-vs-answers.txt', `${resultText.trim()}\n#---\n${byName['mini-fraction']}`);
put('compare', 'compare-output.txt', kkpham('compare', '--format', 'json', '--pack', path.join(root, 'tests/fixtures/mini-pack.json'),
  path.join(root, 'tests/fuzz/corpus/answers/vector-mini-mixed.json'), path.join(root, 'tests/fuzz/corpus/answers/vector-mini-fraction.json')));
put('compare', 'empty-list.txt', '[]\n#---\n{"format":"kkpham-result"}');
put('compare', 'results-without-packs.txt', '{"format":"kkpham-result","total":50}\n#---\n{"format":"kkpham-result","pack":"x","total":"y"}');

// --- migrate: "<mapping>\n<old answers>" ----------------------------------------------------------
const miniIds = mini.indicators.map((i) => i.id);
const maps = ['', '{}', JSON.stringify(Object.fromEntries(miniIds.map((id, i) => [id, refIds[i]]))),
  JSON.stringify(Object.fromEntries(refIds.slice(0, 10).map((id, i) => [id, i % 2 ? null : refIds[i + 1]]))), '{"A-S1":"TIDAK-ADA"}', '{"A-S1":5}'];
usable.forEach(([name, text], i) => put('migrate', `migrate-${name}.txt`, `${maps[i % maps.length]}\n${text}`));

// --- CSV ----------------------------------------------------------------------------------------
const csv = read('criteria/kkpham-22-2021.csv').replace(/^\ufeff/, '');
const lines = csv.split(/\r?\n/);
put('csv', 'template.csv', read('criteria/template.csv'));
put('csv', 'reference-head.csv', lines.slice(0, 25).join('\n') + '\n');
put('csv', 'reference-two-rights.csv', [lines[0], ...lines.slice(1).filter((l) => /^(SP1_|EK1_)/.test(l)).slice(0, 30)].join('\r\n'));
const commaHeader = 'right_id,right_group,right_name,indicator_id,type,text,answer_kind,unit,range_min,range_max,max_points,scoring,evidence,legal_basis';
put('csv', 'comma.csv', [commaHeader,
  'R1,sipol,Hak Uji,R1-S1,S,"Ada Perda, ""uji""",yes_no,,,,100,ya=100 | tidak=0,perda: Salinan @ Kabag Hukum,UU 1/2020',
  'R1,sipol,Hak Uji,R1-P1,P,Persentase,percent,persen,0,100,100,linear 0=0 | 100=100,,UU 1/2020 (?)',
  'R1,sipol,Hak Uji,R1-H1,H,AKI,number,per 100.000,0,1000,10,"bands (-inf;110]=10 | (110;140]=8 | (140;inf)=0",a @ b (opsional),UU 2/2020',
  'R2,ekosob,Hak Dua,R2-S1,struktur,Tingkat,level,,,,100,0:Tidak ada=0 | 1:Ada=50 | 2:Penuh=100,,UU 3/2020',
].join('\n') + '\n');
put('csv', 'semicolon-decimal-comma.csv', [commaHeader.replaceAll(',', ';'),
  'R1;sipol;Hak Uji;R1-H1;H;Rasio;number;rasio;0;10,5;12,5;"bands (-inf;2,5]=12,5 | (2,5;inf)=0";;UU 1/2020',
  'R1;sipol;Hak Uji;R1-S1;S;Ada;yes_no;;;;100;ya=100;;UU 1/2020',
  'R2;ekosob;Hak Dua;R2-S1;S;Ada;yes_no;;;;100;ya=100;;UU 1/2020',
].join('\r\n'));
put('csv', 'options-markup.csv', `#options {"id":"form-x","title":{"id":"<script>alert(1)</script>"},"status":"official"}\n` +
  read('criteria/template.csv') + 'R1;sipol;<img src=x onerror=alert(1)>;R1-S1;S;<b>x</b>;;;yes_no;;;;;100;ya=100;;;UU 1/2020\n' +
  'R2;ekosob;Dua;R2-S1;S;Ada;;;yes_no;;;;;100;ya=100;;;UU 1/2020\n');
put('csv', 'stray-quote.csv', `${commaHeader}\nR1,sipol,Hak "Uji,R1-S1,S,x,yes_no,,,,100,ya=100,,UU\n`);
put('csv', 'unterminated.csv', `${commaHeader}\nR1,sipol,"Hak Uji,R1-S1\n`);
put('csv', 'bom.csv', '\ufeff' + lines.slice(0, 6).join('\n'));
// Issue 13's form defects, as in the hostile catalogue.
for (const f of ['duplicate-column', 'excel-sep-line', 'multiline-then-error', 'thousands-range', 'thousands-scoring']) {
  put('csv', `${f}.csv`, fs.readFileSync(path.join(root, `tests/hostile/inputs/csv-${f}.csv`)));
}
// The encodings the engine reads (forms/text_encoding.cpp) and the ones it refuses.
const typographic = lines.slice(0, 6).join('\r\n').replace(/;Daerah /, ';Daerah „memiliki“ ’24 € café — ');
const CP1252 = { '€': 0x80, '„': 0x84, '’': 0x92, '“': 0x93, '—': 0x97 };
const windows1252 = (text) => Buffer.from([...text].map((ch) => CP1252[ch] ?? (ch.charCodeAt(0) < 0x100 ? ch.charCodeAt(0) : 0x3f)));
put('csv', 'windows-1252.csv', windows1252(typographic));
put('csv', 'utf16le-bom.csv', Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from(typographic, 'utf16le')]));
put('csv', 'utf16be-bom.csv', Buffer.concat([Buffer.from([0xfe, 0xff]), Buffer.from(typographic, 'utf16le').swap16()]));
put('csv', 'utf16le-no-bom.csv', Buffer.from(lines.slice(0, 4).join('\r\n'), 'utf16le'));
put('csv', 'mixed-encodings.csv', Buffer.concat([Buffer.from(`${typographic}\r\n`), windows1252(`${lines[7]}é\r\n`)]));
put('csv', 'undefined-1252-byte.csv', Buffer.concat([windows1252(typographic), Buffer.from([0x0d, 0x0a, 0x81])]));

for (const [h, files] of Object.entries(written)) console.log(`${h}: ${files.length} seeds`);
