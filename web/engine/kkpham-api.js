// kkpham-api.js — the one JavaScript facade over the raw WebAssembly module.
//
// Nothing else (UI, worker, tests) touches kkpham-core.mjs or the embind objects: everything goes
// through loadEngine(). The C++ core speaks JSON text in both directions; this facade turns JS
// values into that text and parses what comes back, and keeps *Raw variants that return the
// exact bytes the core produced (the byte-parity tests compare them with the native CLI).
//
//   import { loadEngine } from './kkpham-api.js';
//   const engine = await loadEngine();               // browser: the .wasm is found next to
//                                                    // kkpham-core.mjs (import.meta.url)
//   const engine = await loadEngine({ wasmBinary }); // node: pass the bytes of kkpham-core.wasm
//   engine.loadPack(packTextOrObject);               // -> {ok, pack|errors, warnings}
//   engine.score(answers);                           // -> {ok: true, total, ...} | {ok: false, errors}
//   engine.dispose();                                // frees the C++ Engine
//
// Arguments that the C++ side takes as JSON accept either a string (passed through unchanged,
// e.g. the text of a file) or any other value (JSON.stringify'd).

/** Version of this facade's API (not of the engine: see `engine.version`). */
export const API_VERSION = 1;

/** Thrown when the engine cannot be used any more (disposed, or the wasm instance aborted). */
export class KkphamEngineError extends Error {
  constructor(message, options) {
    super(message, options);
    this.name = 'KkphamEngineError';
  }
}

function toJsonText(value, what) {
  if (typeof value === 'string') return value;
  if (value === undefined) {
    throw new TypeError(`kkpham: ${what} is required`);
  }
  return JSON.stringify(value);
}

// merge()'s returns: [{file, text}], a text given as a value is sent as its JSON.
function returnsList(returns) {
  if (!Array.isArray(returns)) throw new TypeError('kkpham: returns must be an array of {file, text}');
  return returns.map((r) => ({ file: String(r?.file ?? ''), text: typeof r?.text === 'string' ? r.text : JSON.stringify(r?.text) }));
}

// gate()'s files: absent (undefined or null) sends "" (the evidence judged on the answers' own
// "ready" marks, as the CLI's `check` without --evidence).
function optionalJsonText(value, what) {
  return value === undefined || value === null ? '' : toJsonText(value, what);
}

function toBytes(value, what) {
  if (value instanceof Uint8Array) return value;
  if (value instanceof ArrayBuffer) return new Uint8Array(value);
  throw new TypeError(`kkpham: ${what} must be a Uint8Array or an ArrayBuffer`);
}

function toText(value, what) {
  if (typeof value !== 'string') {
    throw new TypeError(`kkpham: ${what} must be a string`);
  }
  return value;
}

// The text channel (wasm/bindings.cpp): texts cross into wasm memory as UTF-8 through
// TextEncoder/TextDecoder instead of embind's per-character std::string conversion (about 40 %
// of a score() call on a 35 KB file). Used only for well-formed strings (no lone surrogate),
// where TextEncoder writes exactly the bytes embind's stringToUTF8 would; anything else takes
// the plain std::string path, so the core always sees the same bytes either way.
const utf8Encoder = typeof TextEncoder === 'function' ? new TextEncoder() : null;
const utf8Decoder = typeof TextDecoder === 'function' ? new TextDecoder() : null;
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;
function wellFormed(text) {
  return typeof text.isWellFormed === 'function' ? text.isWellFormed() : !LONE_SURROGATE.test(text);
}

/**
 * One loaded criteria pack and the functions that use it. Wraps one C++ kkpham::Engine.
 * Obtain it from loadEngine(); call dispose() when done.
 */
export class KkphamEngine {
  #module;
  #engine;
  #failure = null;

  /** @internal use loadEngine() */
  constructor(module) {
    this.#module = module;
    this.#engine = new module.Engine();
    /** Engine (core) version, e.g. "0.1.0". */
    this.version = module.engineVersion();
  }

  // Every call into the module goes through here: once the instance has aborted (an
  // abort() in C++ sets ABORT for good), or after dispose(), calls fail with a clear error
  // instead of a wasm RuntimeError deep inside embind.
  #invoke(isStatic, name, args) {
    if (this.#failure) throw this.#failure;
    if (!this.#engine) throw new KkphamEngineError('kkpham: engine used after dispose()');
    try {
      // Static C++ functions (they need no pack) live on the embind class itself.
      const target = isStatic ? this.#module.Engine : this.#engine;
      // A Uint8Array (a file's bytes) always takes the text channel: it crosses unchanged.
      if (args.length > 0 && typeof target[`${name}Text`] === 'function' && utf8Encoder && utf8Decoder &&
          args.every((a) => a instanceof Uint8Array || (typeof a === 'string' && wellFormed(a)))) {
        return this.#viaText(target, name, args);
      }
      return target[name](...args);
    } catch (cause) {
      this.#failure = new KkphamEngineError(
        `kkpham: the WebAssembly engine failed in ${name}() and cannot be used any more; ` +
          'load a new one with loadEngine()',
        { cause },
      );
      throw this.#failure;
    }
  }

  // `${name}Text(ptr, length, ...)` of the binding: each text is written into a block of wasm
  // memory, and the result is decoded where it lies, then every block is freed. If the call
  // throws, nothing is freed: the instance has aborted and is not used again.
  #viaText(target, name, texts) {
    const m = this.#module;
    const blocks = [];
    const args = [];
    for (const text of texts) {
      // Bytes (a file as saved, e.g. a Windows-1252 CSV) cross unchanged: the core decides their encoding.
      if (text instanceof Uint8Array) {
        const ptr = m.textAlloc(text.length);
        if (!ptr) throw new RangeError(`kkpham: out of wasm memory for a ${text.length}-byte file`);
        m.HEAPU8.set(text, ptr);
        blocks.push(ptr);
        args.push(ptr, text.length);
        continue;
      }
      // One byte per UTF-16 unit fits ASCII; otherwise again with room for the worst case (3
      // bytes per unit). encodeInto, not encode(): encode() is far slower in node 20.
      for (const perUnit of [1, 3]) {
        const capacity = text.length * perUnit;
        const ptr = m.textAlloc(capacity);
        if (!ptr) throw new RangeError(`kkpham: out of wasm memory for a ${capacity}-byte text`);
        // HEAPU8 is read after textAlloc: the memory may have grown.
        const { read, written } = utf8Encoder.encodeInto(text, m.HEAPU8.subarray(ptr, ptr + capacity));
        if (read === text.length) {
          blocks.push(ptr);
          args.push(ptr, written);
          break;
        }
        m.textFree(ptr);
        if (perUnit === 3) throw new Error('kkpham: a text did not fit three bytes per UTF-16 unit');
      }
    }
    const res = target[`${name}Text`](...args);
    const heap32 = m.HEAPU32;
    const data = heap32[res >>> 2];
    const size = heap32[(res >>> 2) + 1];
    const out = utf8Decoder.decode(m.HEAPU8.subarray(data, data + size));
    m.resultFree(res);
    for (const ptr of blocks) m.textFree(ptr);
    return out;
  }

  #call(name, ...args) { return this.#invoke(false, name, args); }
  #callStatic(name, ...args) { return this.#invoke(true, name, args); }

  #json(name, ...args) {
    return JSON.parse(this.#call(name, ...args));
  }

  // --- raw: the exact JSON text returned by the C++ core ------------------------------------
  loadPackRaw(pack) { return this.#call('loadPack', toJsonText(pack, 'pack')); }
  packSummaryRaw() { return this.#call('packSummary'); }
  scoreRaw(answers) { return this.#call('score', toJsonText(answers, 'answers')); }
  validateAnswersRaw(answers) { return this.#call('validateAnswers', toJsonText(answers, 'answers')); }
  makeTemplateRaw(options = {}) { return this.#call('makeTemplate', toJsonText(options, 'options')); }
  explainRaw(answers, indicatorId) {
    return this.#call('explain', toJsonText(answers, 'answers'), toText(indicatorId, 'indicatorId'));
  }
  importCsvRaw(csvText, options = {}) {
    return this.#call('importCsv', toText(csvText, 'csvText'), toJsonText(options, 'options'));
  }
  importCsvBytesRaw(csvBytes, options = {}) {
    return this.#call('importCsv', toBytes(csvBytes, 'csvBytes'), toJsonText(options, 'options'));
  }
  gapRaw(answers, options = {}) {
    return this.#call('gap', toJsonText(answers, 'answers'), toJsonText(options, 'options'));
  }
  evidencePlanRaw(answers) { return this.#call('evidencePlan', toJsonText(answers, 'answers')); }
  summaryRaw(answers) { return this.#call('summary', toJsonText(answers, 'answers')); }
  migrateRaw(oldAnswers, mapping = {}) {
    return this.#call('migrate', toJsonText(oldAnswers, 'oldAnswers'), toJsonText(mapping, 'mapping'));
  }
  splitRaw(master, options) {
    return this.#call('split', toJsonText(master, 'master'), toJsonText(options, 'options'));
  }
  mergeRaw(master, returns, options) {
    return this.#call('merge', toJsonText(master, 'master'), toJsonText(returnsList(returns), 'returns'),
      toJsonText(options, 'options'));
  }
  officeStatusRaw(master) { return this.#call('officeStatus', toJsonText(master, 'master')); }
  officesRaw(answers) { return this.#call('offices', toJsonText(answers, 'answers')); }
  workbookLayoutRaw(answers) { return this.#call('workbookLayout', toJsonText(answers, 'answers')); }
  readWorkbookRaw(cells, options = {}) {
    return this.#call('readWorkbook', toJsonText(cells, 'cells'), toJsonText(options, 'options'));
  }
  evidenceCheckRaw(answers, files) {
    return this.#call('evidenceCheck', toJsonText(answers, 'answers'), toJsonText(files, 'files'));
  }
  gateRaw(answers, files) {
    return this.#call('gate', toJsonText(answers, 'answers'), optionalJsonText(files, 'files'));
  }
  packageRaw(answers, request) {
    return this.#call('package', toJsonText(answers, 'answers'), toJsonText(request, 'request'));
  }
  verifyPackageRaw(listing) { return this.#call('verifyPackage', toJsonText(listing, 'listing')); }
  compareRaw(summaries) { return this.#callStatic('compare', toJsonText(summaries, 'summaries')); }
  yearOverYearRaw(previousResult, currentResult) {
    return this.#callStatic('yearOverYear', toJsonText(previousResult, 'previousResult'),
      toJsonText(currentResult, 'currentResult'));
  }

  // --- parsed ---------------------------------------------------------------------------------
  /** Parses and validates a pack; on success it replaces the loaded one. */
  loadPack(pack) { return JSON.parse(this.loadPackRaw(pack)); }
  /** @returns {boolean} */
  hasPack() { return this.#call('hasPack'); }
  packSummary() { return this.#json('packSummary'); }
  score(answers) { return JSON.parse(this.scoreRaw(answers)); }
  validateAnswers(answers) { return JSON.parse(this.validateAnswersRaw(answers)); }
  /** options: {fill: "blank"|"max"|"random", seed, region, data_year, assessment_year, updated_at} */
  makeTemplate(options = {}) { return JSON.parse(this.makeTemplateRaw(options)); }
  explain(answers, indicatorId) { return JSON.parse(this.explainRaw(answers, indicatorId)); }
  importCsv(csvText, options = {}) { return JSON.parse(this.importCsvRaw(csvText, options)); }
  /**
   * The CSV form from the file's bytes (a Uint8Array or ArrayBuffer, as read, not decoded): UTF-8
   * (BOM or not), UTF-16 LE/BE or Windows-1252, decided by the engine -> {ok, pack, sha256,
   * encoding: "utf-8"|"utf-16le"|"utf-16be"|"windows-1252", warnings} | {ok: false, errors}
   * (csv.encoding: no encoding reads it cleanly).
   */
  importCsvBytes(csvBytes, options = {}) { return JSON.parse(this.importCsvBytesRaw(csvBytes, options)); }
  /** options: {target: 75, basis: "claimed"|"evidenced", effort: {"<id>": 3, ...}} */
  gap(answers, options = {}) { return JSON.parse(this.gapRaw(answers, options)); }
  /** Missing data dukung per office, and the pre-submission check. */
  evidencePlan(answers) { return JSON.parse(this.evidencePlanRaw(answers)); }
  /** A compact summary of one scored answers file (input to compare()). */
  summary(answers) { return JSON.parse(this.summaryRaw(answers)); }
  /** Carries answers of another pack edition over to the loaded pack. mapping: {"<old id>": "<new id>"|null} */
  migrate(oldAnswers, mapping = {}) { return JSON.parse(this.migrateRaw(oldAnswers, mapping)); }
  /**
   * One package per office from the master (docs/answers-format.md, Offices). options: {made_at
   * (required, UTC ISO time), office?, package_id?, assessment_id?} -> {ok, assessment_id, master
   * (with the packages recorded), packages: [{office, package_id, file_name, indicators, package}], status}
   */
  split(master, options) { return JSON.parse(this.splitRaw(master, options)); }
  /**
   * Merges returned office packages into the master. returns: [{file: name, text: the file's text}]
   * in any order; options: {merged_at (required), resolutions?: {"<indicator>": "master"|"<office
   * id>"|"<package id>"|{value, ...}}} -> {ok, changed, open_conflicts, refused, report, status,
   * warnings, answers (the new master)}. The given master is not changed: keep it to undo.
   */
  merge(master, returns, options) { return JSON.parse(this.mergeRaw(master, returns, options)); }
  /** Per office: package made, returned, answered n/m, evidence ready n/m, open conflicts. */
  officeStatus(master) { return JSON.parse(this.officeStatusRaw(master)); }
  /**
   * The offices as the engine reads them: {ok, declared, offices: [{id, short_name, name, aliases}],
   * rights: {"<id>": [office ids]}, indicators: {"<id>": {pack, offices, typed, unknown, own?}},
   * errors} (an answers file that is not a JSON object: the pack's part, its problem in errors).
   */
  offices(answers) { return JSON.parse(this.officesRaw(answers)); }
  /** The .xlsx layout of an answers file or office package (core/src/forms/workbook_layout.hpp). */
  workbookLayout(answers) { return JSON.parse(this.workbookLayoutRaw(answers)); }
  /** A filled workbook's cells back to answers: {ok, kind, changed, answers} or {ok:false, errors}. */
  readWorkbook(cells, options = {}) { return JSON.parse(this.readWorkbookRaw(cells, options)); }
  /**
   * The folder check of the submission package (docs: issue 16). files: {files: [{path, name, size,
   * sha256, mtime}]}, hashed by the caller -> {ok, format: "kkpham-evidence-check", evidence: {items,
   * unreferenced, counts}, gate}
   */
  evidenceCheck(answers, files) { return JSON.parse(this.evidenceCheckRaw(answers, files)); }
  /**
   * The completeness gate alone -> {ok, format: "kkpham-gate", gate: {complete, evidence_basis, rules,
   * reasons}}. files absent: the evidence is judged on the answers' own "ready" marks.
   */
  gate(answers, files) { return JSON.parse(this.gateRaw(answers, files)); }
  /**
   * The package's layout, index and BagIt tag files. request: {files, answers_name, bagging_date:
   * "YYYY-MM-DD"} -> {ok, format: "kkpham-package", root, entries: [{path, tag, size, sha256, file |
   * content}], evidence, gate}: a writer puts the entries in order under root/.
   */
  package(answers, request) { return JSON.parse(this.packageRaw(answers, request)); }
  /**
   * Verifies an unpacked package. listing: {files: [{path, size, sha256}] (relative to the root
   * folder), texts: {"<path>": "<content>"} (tag files and data/00-formulir/*)} -> {ok, format:
   * "kkpham-verify", intact, complete, problems, score, evidence, gate}
   */
  verifyPackage(listing) { return JSON.parse(this.verifyPackageRaw(listing)); }
  /** Compares many summary() outputs (an array). Needs no loaded pack. */
  compare(summaries) { return JSON.parse(this.compareRaw(summaries)); }
  /** The change between two score() outputs. Needs no loaded pack. */
  yearOverYear(previousResult, currentResult) {
    return JSON.parse(this.yearOverYearRaw(previousResult, currentResult));
  }

  /** Size of the wasm linear memory in bytes (it only grows). Diagnostic. */
  get memoryBytes() { return this.#module?.HEAP8?.buffer.byteLength ?? 0; }

  /** Bytes allocated on the wasm heap right now (this engine's module). Diagnostic: leak tests. */
  get heapBytesInUse() { return this.#module ? this.#module.heapBytesInUse() : 0; }

  /** True until dispose() is called (and while the wasm instance is healthy). */
  get usable() { return this.#engine !== null && this.#failure === null; }

  /** Frees the C++ Engine. Safe to call more than once. */
  dispose() {
    const engine = this.#engine;
    this.#engine = null;
    this.#module = null;
    if (engine && !this.#failure) engine.delete();
  }
}

// `using engine = await loadEngine()` where explicit resource management exists.
if (typeof Symbol.dispose === 'symbol') {
  KkphamEngine.prototype[Symbol.dispose] = function dispose() { this.dispose(); };
}

/**
 * Instantiates the WebAssembly module and returns a new KkphamEngine (no pack loaded).
 *
 * @param {object} [moduleArgs] passed to the emscripten factory, e.g.
 *   - wasmBinary: ArrayBuffer|Uint8Array with kkpham-core.wasm (required in node);
 *   - locateFile(path, prefix): where to fetch kkpham-core.wasm from (browser);
 *   - createModule: a factory to use instead of importing ../kkpham-core.mjs (for builds that
 *     load the module differently, e.g. a single-file page with a global createKkphamModule).
 * @returns {Promise<KkphamEngine>}
 */
export async function loadEngine(moduleArgs = {}) {
  const { createModule, ...args } = moduleArgs;
  const factory = createModule ?? (await import('../kkpham-core.mjs')).default;
  const module = await factory(args);
  return new KkphamEngine(module);
}
