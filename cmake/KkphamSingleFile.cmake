# The single-file app for file:// (included by wasm/CMakeLists.txt when KKPHAM_SINGLE_FILE=ON;
# the `wasm` configure preset turns it on, so `npm start` and `npm test` build it).
#
#   build/wasm/kkpham.html   everything inlined: the web/ modules bundled into one inline module
#                            script, kkpham-core.mjs, the .wasm as base64 (handed over as
#                            wasmBinary), style.css/print.css, the catalogs and the bundled packs
#                            as JSON data blocks, a hash-based CSP in a <meta>
#
# It sits next to dist/, not inside it: dist/ is what scripts/serve.mjs serves, and there the
# server's CSP header (script-src 'self', no inline script) would block the page, and
# tests/wasm/security.test.mjs rightly refuses any inline script or <style> in the served app.
# The single file is for file:// only.
#
# It reuses the exact kkpham-core.mjs/.wasm of the served app (no second emscripten link), so the
# single file scores byte for byte like the served app and the native CLI. The inlining step is
# scripts/build-single-file.mjs (node; acorn from Debian's node-acorn, which emscripten needs).
# Like kkpham_dist it re-reads web/ and criteria/ on every build.

add_custom_target(kkpham_single_file ALL
  COMMAND "${CMAKE_COMMAND}" -E env "NODE_PATH=/usr/share/nodejs"
          "${KKPHAM_NODE_EXE}" "${PROJECT_SOURCE_DIR}/scripts/build-single-file.mjs"
          --web "${PROJECT_SOURCE_DIR}/web"
          --criteria "${PROJECT_SOURCE_DIR}/criteria"
          --module "${KKPHAM_DIST_DIR}/kkpham-core.mjs"
          --wasm "${KKPHAM_DIST_DIR}/kkpham-core.wasm"
          --out "${PROJECT_BINARY_DIR}/kkpham.html"
  COMMENT "kkpham: single-file app ${PROJECT_BINARY_DIR}/kkpham.html (for file://)"
  VERBATIM)
add_dependencies(kkpham_single_file kkpham_wasm)
# `cmake --build --preset app` builds the target kkpham_dist: it pulls the single file in too.
add_dependencies(kkpham_dist kkpham_single_file)
set_property(TARGET kkpham_single_file APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${PROJECT_BINARY_DIR}/kkpham.html")
