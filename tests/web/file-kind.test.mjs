// web/state/file-kind.js: a chosen file's kind from its first bytes, before any JSON parsing.
import test from 'node:test';
import assert from 'node:assert/strict';
import fs from 'node:fs';
import path from 'node:path';
import zlib from 'node:zlib';
import { fileURLToPath } from 'node:url';

const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
const { kindOfBytes, kindOfFile, wrongKind, checkFile } = await import(path.join(ROOT, 'web', 'state', 'file-kind.js'));
const { loadCatalog, setLang, tIn } = await import(path.join(ROOT, 'web', 'ui', 'i18n.js'));

const bytes = (x) => (typeof x === 'string' ? new TextEncoder().encode(x) : Uint8Array.from(x));

// A ZIP archive (stored entries) with these names, as Word and Excel write them.
function zip(names) {
  const parts = [];
  for (const name of names) {
    const data = Buffer.from(`<x>${name}</x>`);
    const head = Buffer.alloc(30);
    head.writeUInt32LE(0x04034b50, 0);
    head.writeUInt16LE(20, 4);
    head.writeUInt32LE(zlib.crc32 ? zlib.crc32(data) : 0, 14);
    head.writeUInt32LE(data.length, 18);
    head.writeUInt32LE(data.length, 22);
    head.writeUInt16LE(Buffer.byteLength(name), 26);
    parts.push(head, Buffer.from(name), data);
  }
  return new Uint8Array(Buffer.concat(parts));
}

const pack = fs.readFileSync(path.join(ROOT, 'criteria', 'kkpham-22-2021.json'), 'utf8');
const csvForm = fs.readFileSync(path.join(ROOT, 'criteria', 'kkpham-22-2021.csv'), 'utf8');

test('binary files are told by their signature', () => {
  assert.equal(kindOfBytes(bytes('%PDF-1.4\n%âãÏÓ\n1 0 obj')), 'pdf');
  assert.equal(kindOfBytes(zip(['[Content_Types].xml', '_rels/.rels', 'word/document.xml'])), 'docx');
  assert.equal(kindOfBytes(zip(['[Content_Types].xml', '_rels/.rels', 'xl/workbook.xml'])), 'xlsx');
  assert.equal(kindOfBytes(zip(['[Content_Types].xml', 'docProps/app.xml'])), 'office');
  assert.equal(kindOfBytes(zip(['data/a.json', 'data/b.json'])), 'zip');
  assert.equal(kindOfBytes(bytes([0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, 0, 0])), 'ole');
  assert.equal(kindOfBytes(bytes([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 13])), 'png');
  assert.equal(kindOfBytes(bytes([0xff, 0xd8, 0xff, 0xe0, 0, 0x10, 0x4a, 0x46])), 'jpeg');
  assert.equal(kindOfBytes(bytes('GIF89a\x01\x00\x01\x00')), 'gif');
  assert.equal(kindOfBytes(bytes([0xff, 0xfe, 0x7b, 0x00, 0x22, 0x00])), 'utf16');
  assert.equal(kindOfBytes(new Uint8Array(Buffer.from('{"format": "kkpham-answers"}', 'utf16le'))), 'utf16');
  assert.equal(kindOfBytes(bytes([1, 2, 3, 0, 5, 6, 7, 8, 9, 10, 11, 12])), 'binary');
});

test('empty files, and text told by its content', () => {
  assert.equal(kindOfBytes(new Uint8Array(0)), 'empty');
  assert.equal(kindOfBytes(bytes(' \n\t\r\n')), 'empty');
  assert.equal(kindOfBytes(bytes('\uFEFF{"format":"kkpham-answers","format_version":1}')), 'answers');
  assert.equal(kindOfBytes(bytes(pack)), 'pack');
  // A pack whose head alone was read (a large file): its "format" still names it.
  assert.equal(kindOfBytes(bytes(pack.slice(0, 2000)), false), 'pack');
  assert.equal(kindOfBytes(bytes('{"rights": [], "indicators": []}')), 'pack');
  assert.equal(kindOfBytes(bytes('{"format":"kkpham-mapping"}')), 'kkpham-other');
  assert.equal(kindOfBytes(bytes('{"a": 1}')), 'json');
  assert.equal(kindOfBytes(bytes('{"format": "kkpham-answers", oops')), 'answers');
  assert.equal(kindOfBytes(bytes(csvForm)), 'csv-form');
  assert.equal(kindOfBytes(bytes('\uFEFFtingkat;kode;nama;hak;jenis\r\ntotal;Kab;;;\r\n')), 'score-csv');
  assert.equal(kindOfBytes(bytes('level,id,name,right\r\n')), 'score-csv');
  assert.equal(kindOfBytes(bytes('file,region,kind,province,code,data_year,total,predicate,pack_id,pack_sha256\n')), 'score-csv');
  assert.equal(kindOfBytes(bytes('nama;alamat;telepon\nA;B;C\n')), 'csv');
  assert.equal(kindOfBytes(bytes('catatan rapat')), 'text');
});

test('each input names what it cannot take', () => {
  assert.equal(wrongKind('answers', 'answers'), null);
  assert.equal(wrongKind('json', 'answers'), null); // the engine names what is wrong in it
  assert.equal(wrongKind('pack', 'answers'), 'pack');
  assert.equal(wrongKind('answers', 'pack'), 'answers');
  assert.equal(wrongKind('score-csv', 'answers'), 'score-csv');
  assert.equal(wrongKind('csv-form', 'csv-form'), null);
  assert.equal(wrongKind('answers', 'csv-form'), 'answers');
  assert.equal(wrongKind('xlsx', 'csv-form'), 'xlsx');
});

test('a wrong file gets one message per language: what it is and which file to choose', async () => {
  globalThis.document = { documentElement: {} };
  // The served catalog parts (<lang>.start.json, <lang>.rest.json: scripts/split-i18n.mjs) merge
  // into the source catalog: each is read here as the whole web/i18n/<lang>.json.
  globalThis.fetch = async (url) => ({ ok: true, json: async () => JSON.parse(fs.readFileSync(new URL(String(url).replace(/\.(start|rest)\.json$/, '.json')), 'utf8')) });
  await loadCatalog('id');
  await loadCatalog('en');
  await setLang('id');
  const file = new Blob([bytes('%PDF-1.7\n')]);
  file.name = 'laporan.pdf';
  assert.equal(await kindOfFile(file), 'pdf');
  const d = await checkFile(file, 'answers');
  assert.equal(d.code, 'file.pdf');
  const id = d.message('id');
  const en = d.message('en');
  assert.match(id, /laporan\.pdf/);
  assert.match(id, /dokumen PDF/);
  assert.match(id, /\.kkpham\.json/);
  assert.match(en, /a PDF document/);
  assert.doesNotMatch(id, /PDF document|Choose/);
  const packInstead = await checkFile(Object.assign(new Blob([pack]), { name: 'kkpham-22-2021.json' }), 'answers');
  assert.match(packInstead.message('id'), /paket kriteria/);
  assert.match(packInstead.message('id'), new RegExp(tIn('id', 'start.kanwil')));
  assert.equal(await checkFile(Object.assign(new Blob(['{"format":"kkpham-answers"}']), { name: 'a.kkpham.json' }), 'answers'), null);
});
