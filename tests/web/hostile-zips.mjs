// Hostile ZIP archives made byte by byte (no well-behaved writer makes them), shared by the
// browser adapter's test (tests/web/zip.test.mjs) and the CLI cross-check
// (tests/wasm/package-zip.test.mjs): each case, the code web/formats/zip-read.js refuses it with.
// Not a test file itself.
import zlib from 'node:zlib';

// ---- a ZIP made byte by byte: entries {name, data, method (0 stored | 8 deflate), mode (unix),
// declaredSize, packed (override the compressed bytes)} ------------------------------------------
const CRC_TABLE = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k += 1) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
function crc32(buf) {
  let c = 0xffffffff;
  for (const b of buf) c = CRC_TABLE[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
}
export function zipOf(entries) {
  const locals = [];
  const centrals = [];
  let offset = 0;
  for (const e of entries) {
    const name = Buffer.from(e.name, 'utf8');
    const data = Buffer.from(e.data ?? '');
    const method = e.method ?? 0;
    const packed = e.packed ?? (method === 8 ? zlib.deflateRawSync(data) : data);
    const size = e.declaredSize ?? data.length;
    const crc = crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6);
    local.writeUInt16LE(method, 8);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(packed.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    locals.push(local, name, packed);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE((3 << 8) | 20, 4); // made by unix
    central.writeUInt16LE(20, 6);
    central.writeUInt16LE(0x0800, 8);
    central.writeUInt16LE(method, 10);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(packed.length, 20);
    central.writeUInt32LE(size, 24);
    central.writeUInt16LE(name.length, 28);
    central.writeUInt32LE(((e.mode ?? 0o100644) << 16) >>> 0, 38);
    central.writeUInt32LE(offset, 42);
    centrals.push(central, name);
    offset += 30 + name.length + packed.length;
  }
  const cd = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 8);
  end.writeUInt16LE(Math.min(entries.length, 0xffff), 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}
const ok = (name, data = 'x') => ({ name, data });
const base = [ok('P/bagit.txt'), ok('P/data/a.pdf')];

/** A well-formed archive of the same shape (the control). */
export const CONTROL = () => zipOf(base);

/** [what, code, () => bytes]: every hostile case of issue 16, and broken files. */
export const HOSTILE = [
  ['traversal', 'zip.path_traversal', () => zipOf([...base, ok('P/data/../../../etc/passwd')])],
  ['traversal at the top', 'zip.path_traversal', () => zipOf([...base, ok('../evil.txt')])],
  ['absolute path', 'zip.absolute_path', () => zipOf([...base, ok('/etc/passwd')])],
  ['drive letter', 'zip.drive_letter', () => zipOf([...base, ok('C:/Windows/x.dll')])],
  ['backslash', 'zip.backslash', () => zipOf([...base, ok('P\\..\\x')])],
  ['control character', 'zip.control_character', () => zipOf([...base, ok('P/data/a\u0007.pdf')])],
  ['empty component', 'zip.empty_component', () => zipOf([...base, ok('P/data//a.pdf')])],
  ['symbolic link', 'zip.symlink', () => zipOf([...base, { name: 'P/data/link.pdf', data: '/etc/passwd', mode: 0o120777 }])],
  ['duplicate name', 'zip.duplicate_name', () => zipOf([...base, ok('P/data/a.pdf')])],
  ['duplicate name differing in case', 'zip.duplicate_name', () => zipOf([...base, ok('P/DATA/A.PDF')])],
  ['two root folders', 'zip.not_one_folder', () => zipOf([...base, ok('Q/other.pdf')])],
  ['a file outside any folder', 'zip.not_one_folder', () => zipOf([ok('loose.txt')])],
  // 50 MiB of zeros deflate to ~50 KB (ratio ~1000 > 200): refused on the declared sizes.
  ['ZIP bomb (ratio)', 'zip.bomb', () => zipOf([...base, { name: 'P/data/bomb.pdf', data: Buffer.alloc(50 * 1024 * 1024), method: 8 }])],
  // A declared size over the 2 GiB limit for one file, whatever the ratio.
  ['declared size over the limit', 'zip.bomb',
    () => zipOf([...base, { name: 'P/data/huge.pdf', data: 'x', declaredSize: 0xfffffff0, packed: Buffer.alloc(20_000_000) }])],
  // A small declared size, a bigger inflated stream.
  ['data longer than declared', 'zip.damaged',
    () => zipOf([...base, { name: 'P/data/lie.pdf', data: Buffer.alloc(5000, 7), method: 8, declaredSize: 100 }])],
  // Over the 5,000-entry limit.
  ['10,000 entries', 'zip.too_many_entries', () => zipOf(Array.from({ length: 10_000 }, (_, i) => ok(`P/data/${i}.pdf`, '')))],
  ['truncated end', 'zip.not_zip', () => {
    const good = zipOf(base);
    return good.subarray(0, good.length - 10);
  }],
  ['cut in the middle', 'zip.damaged', () => {
    const good = zipOf(base);
    return Buffer.concat([good.subarray(0, 40), good.subarray(good.length - 22)]);
  }],
  ['not a ZIP', 'zip.not_zip', () => Buffer.from('%PDF-1.7 this is not a zip at all'.repeat(20))],
  ['empty file', 'zip.not_zip', () => Buffer.alloc(0)],
];
