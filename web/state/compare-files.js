// The Compare screen reads its files as its workers do (web/engine/file-texts.js): one read per
// chunk of files. Here so that the view reaches it through state/, like everything of the engine.
export { readTexts } from '../engine/file-texts.js';
