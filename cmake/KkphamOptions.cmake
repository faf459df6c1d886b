# Build options and the flags they imply, applied to every target of the project.

option(KKPHAM_BUILD_TESTS "Build the test suites and register them with CTest" ON)
option(KKPHAM_BUILD_BENCH "Build kkpham_bench (native only; never run by CTest)" ON)
option(KKPHAM_WERROR "Treat compiler warnings as errors" OFF)

# One exceptions policy for every target. The core never throws (errors are values) and
# parses with json::parse(..., nullptr, false), so it behaves the same either way; OFF is the
# smallest and fastest wasm. With OFF, nlohmann calls abort() where it would throw, which
# kills a wasm instance for good: the core must check types before get<>() (toolchain.md §5).
if(EMSCRIPTEN)
  set(_kkpham_exc_default OFF)
else()
  set(_kkpham_exc_default ON)
endif()
option(KKPHAM_EXCEPTIONS "Compile with C++ exceptions (wasm: JS-based EH, +30 KB)" ${_kkpham_exc_default})

if(KKPHAM_EXCEPTIONS)
  if(EMSCRIPTEN)
    # Emscripten's default is "throw allowed, catch compiled out": ask for real catching.
    add_compile_options(-fexceptions)
    add_link_options(-fexceptions)
  endif()
else()
  add_compile_options(-fno-exceptions)
  add_compile_definitions(JSON_NOEXCEPTION DOCTEST_CONFIG_NO_EXCEPTIONS_BUT_WITH_ALL_ASSERTS)
  if(EMSCRIPTEN)
    add_link_options(-fno-exceptions)
  endif()
endif()

# Sanitizers (native only), e.g. "address,undefined" (the `asan` preset).
set(KKPHAM_SANITIZERS "" CACHE STRING "Comma-separated -fsanitize= list for native builds")
if(KKPHAM_SANITIZERS)
  if(EMSCRIPTEN)
    message(FATAL_ERROR "KKPHAM_SANITIZERS is for native builds only.")
  endif()
  add_compile_options(-fsanitize=${KKPHAM_SANITIZERS} -fno-sanitize-recover=all
                      -fno-omit-frame-pointer -g)
  add_link_options(-fsanitize=${KKPHAM_SANITIZERS} -fno-sanitize-recover=all)
endif()

if(EMSCRIPTEN)
  # The MinSizeRel wasm build (the `wasm` preset; measured figures in wasm/README.md):
  # * every target is compiled with KKPHAM_WASM_SIZE_FLAGS, i.e. -Oz plus -finline-functions:
  #   emscripten 3.1.6 turns -Os/-Oz into `-fno-inline-functions` (its INLINING_LIMIT), so that
  #   not even std::string::size() gets inlined, which made scoring about 2x slower; clang's own
  #   size-aware inlining is both smaller and faster;
  # * link-time optimisation (KKPHAM_WASM_LTO): one copy of each template, dead code across files
  #   removed, and the libc++ string code inlined into the scoring path; about 15 % off the .wasm;
  # * the scoring path itself is compiled for speed: kkpham_wasm_fast_sources() in
  #   cmake/KkphamWasm.cmake, called by wasm/CMakeLists.txt.
  # The link keeps -Os (binaryen -Os and the regular libc: -Oz would pick a byte-wise memcpy).
  set(KKPHAM_WASM_SIZE_FLAGS "-Oz;-finline-functions" CACHE STRING
      "Compile options added to every target of the MinSizeRel wasm build")
  option(KKPHAM_WASM_LTO "Link-time optimisation in the MinSizeRel wasm build" ON)
  if(CMAKE_BUILD_TYPE STREQUAL "MinSizeRel")
    add_compile_options(${KKPHAM_WASM_SIZE_FLAGS})
    if(KKPHAM_WASM_LTO)
      add_compile_options(-flto)
      add_link_options(-flto)
    endif()
  endif()

  # Only emscripten's *link* step runs node tools (acorn-optimizer.js), and NodeSource's node
  # does not search Debian's /usr/share/nodejs where node-acorn lives. Prefixing the link
  # command makes a plain `cmake --build` work without any environment set up.
  if(DEFINED ENV{NODE_PATH} AND NOT "$ENV{NODE_PATH}" STREQUAL "")
    set(_kkpham_node_path "/usr/share/nodejs:$ENV{NODE_PATH}")
  else()
    set(_kkpham_node_path "/usr/share/nodejs")
  endif()
  set(CMAKE_CXX_LINKER_LAUNCHER "${CMAKE_COMMAND};-E;env;NODE_PATH=${_kkpham_node_path}")
endif()
