// Reading many files as text, for the Compare view and its workers: one Blob made of all the
// files of a chunk costs one trip to the browser's file reader instead of one per file (514
// small reads take far longer than a few large ones). When the chunk cannot be read as a whole (a
// file removed meanwhile), its files are read one by one, so the bad one is reported by name.
// Each entry is the file's text, or {error: '<message>'} for a file that could not be read.
export async function readTexts(files) {
  try {
    const all = new Uint8Array(await new Blob(files).arrayBuffer());
    const decoder = new TextDecoder('utf-8');
    let at = 0;
    return files.map((f) => {
      const text = decoder.decode(all.subarray(at, at + f.size));
      at += f.size;
      return text;
    });
  } catch {
    return Promise.all(files.map((f) => f.text().then((x) => x, (err) => ({ error: String(err?.message ?? err) }))));
  }
}
