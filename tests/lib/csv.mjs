// A strict CSV reader shared by the tests (CLI, wasm, web, browser). Not a test file.

/**
 * An RFC 4180 reader: fields separated by commas (or `separator`: the CSV form uses ';'), records
 * by CRLF or LF; a quoted field may hold separators, quotes (doubled) and line breaks. Throws on a
 * quote inside an unquoted field, text after a closing quote, a bare CR or an unclosed quote, so a
 * malformed table cannot pass.
 */
export function parseCsv(text, separator = ',') {
  const rows = [];
  let row = [];
  let i = 0;
  const n = text.length;
  if (n === 0) return rows;
  for (;;) {
    let cell = '';
    if (text[i] === '"') {
      i++;
      for (;;) {
        if (i >= n) throw new Error('CSV: a quoted field is not closed');
        if (text[i] === '"') {
          if (text[i + 1] === '"') {
            cell += '"';
            i += 2;
            continue;
          }
          i++;
          break;
        }
        cell += text[i++];
      }
      if (i < n && text[i] !== separator && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        throw new Error(`CSV: text after a closing quote at offset ${i}`);
      }
    } else {
      while (i < n && text[i] !== separator && text[i] !== '\n' && !(text[i] === '\r' && text[i + 1] === '\n')) {
        if (text[i] === '"') throw new Error(`CSV: a quote inside an unquoted field at offset ${i}`);
        if (text[i] === '\r') throw new Error(`CSV: a bare CR outside quotes at offset ${i}`);
        cell += text[i++];
      }
    }
    row.push(cell);
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (text[i] === separator) {
      i++;
      continue;
    }
    i += text[i] === '\r' ? 2 : 1;
    rows.push(row);
    row = [];
    if (i >= n) return rows;
  }
}
