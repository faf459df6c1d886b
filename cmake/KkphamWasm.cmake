# kkpham_add_wasm_module(<target>
#     OUTPUT_NAME <name>            file name without suffix, e.g. kkpham-core
#     OUTPUT_DIRECTORY <dir>        where <name>.mjs/.js (+ .wasm) go
#     SOURCES <files...>            binding sources (linked with kkpham::core)
#     [CLASSIC]                     plain script (<name>.js, global createKkphamModule) instead of
#                                   an ES module (<name>.mjs): what a file:// page needs
#     [SINGLE_FILE]                 inline the .wasm as base64 into the JS (no .wasm file)
#     [ENVIRONMENT <envs>]          default web,worker
#     [LINK_OPTIONS <opts...>])     extra em++ link options
#
# Every variant shares the same embind binding and the same core, so they return the same
# bytes. The app build (wasm/CMakeLists.txt) is one call; a later single-file kkpham.html for
# file:// is a second call with CLASSIC SINGLE_FILE (see wasm/README.md).
function(kkpham_add_wasm_module target)
  cmake_parse_arguments(PARSE_ARGV 1 arg "CLASSIC;SINGLE_FILE"
                        "OUTPUT_NAME;OUTPUT_DIRECTORY;ENVIRONMENT" "SOURCES;LINK_OPTIONS")
  if(NOT arg_OUTPUT_NAME OR NOT arg_OUTPUT_DIRECTORY OR NOT arg_SOURCES)
    message(FATAL_ERROR "kkpham_add_wasm_module(${target}): OUTPUT_NAME, OUTPUT_DIRECTORY and SOURCES are required")
  endif()
  if(NOT arg_ENVIRONMENT)
    set(arg_ENVIRONMENT "web,worker")
  endif()

  add_executable(${target} ${arg_SOURCES})
  target_link_libraries(${target} PRIVATE kkpham::core)
  kkpham_target_warnings(${target})

  if(arg_CLASSIC)
    set(suffix ".js")
    set(es6 0)
  else()
    set(suffix ".mjs")
    set(es6 1)
  endif()
  set_target_properties(${target} PROPERTIES
    OUTPUT_NAME "${arg_OUTPUT_NAME}"
    SUFFIX "${suffix}"
    RUNTIME_OUTPUT_DIRECTORY "${arg_OUTPUT_DIRECTORY}")

  target_link_options(${target} PRIVATE
    --bind
    -sMODULARIZE=1
    -sEXPORT_ES6=${es6}
    -sEXPORT_NAME=createKkphamModule
    # Not `node`: with EXPORT_ES6, 3.1.6 then emits __dirname/require, which crash in ESM.
    # Node callers pass {wasmBinary} instead (web/engine/kkpham-api.js, tests/wasm/).
    "-sENVIRONMENT=${arg_ENVIRONMENT}"
    -sFILESYSTEM=0
    -sALLOW_MEMORY_GROWTH=1
    # embind builds its invokers with `new Function` unless told not to; the app's CSP
    # (script-src 'self' 'wasm-unsafe-eval', no 'unsafe-eval') would refuse that.
    -sDYNAMIC_EXECUTION=0
    ${arg_LINK_OPTIONS})
  if(arg_SINGLE_FILE)
    target_link_options(${target} PRIVATE -sSINGLE_FILE=1)
  endif()
  if(KKPHAM_WASM_SOURCE_MAP)
    # Debug aid: DWARF names + a .wasm.map next to the .wasm (see wasm/README.md).
    # The map's URL is relative to the .wasm; its sources are relative to the output folder
    # (../../../core/src/...), so serving the repository root exposes both.
    target_link_options(${target} PRIVATE -gsource-map --source-map-base=./)
  endif()

  set(outputs "${arg_OUTPUT_DIRECTORY}/${arg_OUTPUT_NAME}${suffix}")
  if(NOT arg_SINGLE_FILE)
    list(APPEND outputs "${arg_OUTPUT_DIRECTORY}/${arg_OUTPUT_NAME}.wasm")
  endif()
  set_property(TARGET ${target} PROPERTY KKPHAM_OUTPUTS "${outputs}")
  set_property(TARGET ${target} APPEND PROPERTY ADDITIONAL_CLEAN_FILES "${outputs}")
endfunction()

# kkpham_wasm_fast_sources(<paths under core/src, e.g. model/answers.cpp...>)
#
# The MinSizeRel wasm build compiles everything for size (KKPHAM_WASM_SIZE_FLAGS, -Oz, in
# cmake/KkphamOptions.cmake). The few files that scoring runs through, thousands of operations
# per assessment (parse, validate, exact arithmetic, serialise), get KKPHAM_WASM_FAST_FLAGS:
# * -O2, without loop unrolling or vectorisation (they only add bytes here);
# * -finline-functions: an -Os earlier on the command line (CMAKE_CXX_FLAGS_MINSIZEREL) would
#   otherwise leave emscripten's -fno-inline-functions in force;
# * -D_LIBCPP_DISABLE_EXTERN_TEMPLATE: these files instantiate std::string's members themselves
#   instead of calling the copies in Debian's prebuilt libc++, which was built -Oz with
#   `noinline` on every function (so even size() is a call); about 20 % of scoring time.
# Together about 1.9x faster scoring than compiling these files -Oz as well, for about 20 KB
# more gzipped .wasm (the whole build is still smaller than the former -Os one). Only for
# MinSizeRel; "" turns it off.
set(KKPHAM_WASM_FAST_FLAGS
    "-O2;-finline-functions;-fno-unroll-loops;-fno-vectorize;-fno-slp-vectorize;-D_LIBCPP_DISABLE_EXTERN_TEMPLATE"
    CACHE STRING "Compile options for the scoring path of the MinSizeRel wasm build (cmake/KkphamWasm.cmake)")
function(kkpham_wasm_fast_sources)
  if(NOT CMAKE_BUILD_TYPE STREQUAL "MinSizeRel" OR NOT KKPHAM_WASM_FAST_FLAGS)
    return()
  endif()
  foreach(name IN LISTS ARGN)
    set(file "${PROJECT_SOURCE_DIR}/core/src/${name}")
    if(NOT EXISTS "${file}")
      message(FATAL_ERROR "kkpham_wasm_fast_sources: ${file} does not exist")
    endif()
    # The core's target is declared in the top-level directory: set the property there.
    set_property(SOURCE "${file}" DIRECTORY "${PROJECT_SOURCE_DIR}"
                 APPEND PROPERTY COMPILE_OPTIONS ${KKPHAM_WASM_FAST_FLAGS})
  endforeach()
endfunction()
