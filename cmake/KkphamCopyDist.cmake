# cmake -DKKPHAM_SOURCE_DIR=<repo> -DKKPHAM_DIST_DIR=<dist> -P KkphamCopyDist.cmake
#
# Run by the kkpham_dist target on every build: copies web/ (with its folders: engine/, state/,
# views/, ui/, i18n/) to the dist root and criteria/*.json to dist/criteria/. Globbing here (at
# build time, not configure time) means a file added to web/ or criteria/ is picked up without
# re-running CMake. Unchanged files keep their time stamps, so the copy is cheap. A module that
# was moved or removed in web/ is removed from dist/ too (with its .gz): a stale copy would be
# served, and scripts/stamp-sw.mjs would refuse it as missing from the worker's list.
#
# Third-party modules (npm dependencies in package.json, installed by `npm ci`) are copied from
# node_modules/ to dist/vendor/<package>/ with their licence: the app imports them from there
# (web/state/db.js: vendor/idb/index.js). scripts/build-single-file.mjs inlines the same files.
foreach(var KKPHAM_SOURCE_DIR KKPHAM_DIST_DIR)
  if(NOT DEFINED ${var})
    message(FATAL_ERROR "KkphamCopyDist.cmake: -D${var}=... is required")
  endif()
endforeach()

file(MAKE_DIRECTORY "${KKPHAM_DIST_DIR}/criteria")

if(IS_DIRECTORY "${KKPHAM_SOURCE_DIR}/web")
  file(GLOB_RECURSE stale_modules RELATIVE "${KKPHAM_DIST_DIR}" "${KKPHAM_DIST_DIR}/*.js")
  foreach(rel IN LISTS stale_modules)
    if(NOT rel MATCHES "^vendor/" AND NOT EXISTS "${KKPHAM_SOURCE_DIR}/web/${rel}")
      file(REMOVE "${KKPHAM_DIST_DIR}/${rel}" "${KKPHAM_DIST_DIR}/${rel}.gz")
    endif()
  endforeach()
  # The UI catalogs are not copied whole: scripts/split-i18n.mjs writes each one's two parts,
  # i18n/<lang>.start.json (the Start screen's strings, loaded at boot) and <lang>.rest.json.
  file(COPY "${KKPHAM_SOURCE_DIR}/web/" DESTINATION "${KKPHAM_DIST_DIR}"
       PATTERN ".*" EXCLUDE
       REGEX "/i18n/[^/]*\\.json$" EXCLUDE)
  if(NOT KKPHAM_NODE_EXE)
    find_program(KKPHAM_NODE_EXE NAMES node nodejs)
  endif()
  if(NOT KKPHAM_NODE_EXE)
    message(FATAL_ERROR "kkpham: node not found (apt-get install nodejs): scripts/split-i18n.mjs splits the catalogs")
  endif()
  execute_process(
    COMMAND "${KKPHAM_NODE_EXE}" "${KKPHAM_SOURCE_DIR}/scripts/split-i18n.mjs"
            "${KKPHAM_SOURCE_DIR}/web" "${KKPHAM_DIST_DIR}"
    RESULT_VARIABLE split_result)
  if(NOT split_result EQUAL 0)
    message(FATAL_ERROR "kkpham: scripts/split-i18n.mjs failed (${split_result})")
  endif()
endif()

# <package> <its ES module build, relative to node_modules/<package>/>
set(vendor_modules "idb" "build/index.js"
    "hash-wasm" "dist/index.esm.min.js"
    "@zip.js/zip.js" "dist/zip-core-external.min.js"
    # A UMD build, loaded as a classic script on use (web/formats/workbook.js loadExcelJS).
    "exceljs" "dist/exceljs.min.js")
while(vendor_modules)
  list(POP_FRONT vendor_modules package module)
  set(from "${KKPHAM_SOURCE_DIR}/node_modules/${package}")
  if(NOT EXISTS "${from}/${module}")
    message(FATAL_ERROR "kkpham: ${from}/${module} is missing: run `npm ci` (the app's npm dependencies, package.json)")
  endif()
  file(COPY "${from}/${module}" "${from}/LICENSE" DESTINATION "${KKPHAM_DIST_DIR}/vendor/${package}")
endwhile()

file(GLOB packs "${KKPHAM_SOURCE_DIR}/criteria/*.json")
if(packs)
  file(COPY ${packs} DESTINATION "${KKPHAM_DIST_DIR}/criteria")
endif()
