# Third-party, header-only dependencies, exposed under the same target names for both trees:
#   nlohmann_json::nlohmann_json   (Debian: nlohmann-json3-dev)
#   doctest::doctest               (Debian: doctest-dev)
#
# Native: Debian's CMake package configs.
# Emscripten: the toolchain re-roots find_package() into the emscripten sysroot, and adding
# /usr/include to the include path pulls glibc headers into em++ (`bits/libc-header-start.h`
# not found). So the two header directories are symlinked into <build>/_sysdeps/include and
# declared as IMPORTED INTERFACE targets of the same names (toolchain.md §2, pitfall 3).

if(NOT EMSCRIPTEN)
  find_package(nlohmann_json 3.11 CONFIG QUIET)
  if(NOT nlohmann_json_FOUND)
    message(FATAL_ERROR "nlohmann_json >= 3.11 not found: apt-get install nlohmann-json3-dev")
  endif()
  if(KKPHAM_BUILD_TESTS)
    find_package(doctest 2.4 CONFIG QUIET)
    if(NOT doctest_FOUND)
      message(FATAL_ERROR "doctest >= 2.4 not found: apt-get install doctest-dev")
    endif()
  endif()
  return()
endif()

set(KKPHAM_SYSDEPS_INCLUDE "${CMAKE_BINARY_DIR}/_sysdeps/include")
file(MAKE_DIRECTORY "${KKPHAM_SYSDEPS_INCLUDE}")

# _kkpham_stage_header_dir(<target> <header relative to the include root> <dir name> <apt pkg>)
function(_kkpham_stage_header_dir target header dirname package)
  if(TARGET ${target})
    return()
  endif()
  find_path(_kkpham_root_${dirname} NAMES "${header}"
            PATHS /usr/include /usr/local/include
            NO_DEFAULT_PATH NO_CMAKE_FIND_ROOT_PATH)
  set(root "${_kkpham_root_${dirname}}")
  if(NOT root)
    message(FATAL_ERROR "${header} not found in /usr/include: apt-get install ${package}")
  endif()
  set(link "${KKPHAM_SYSDEPS_INCLUDE}/${dirname}")
  if(NOT EXISTS "${link}")
    file(CREATE_LINK "${root}/${dirname}" "${link}" SYMBOLIC)
  endif()
  add_library(${target} INTERFACE IMPORTED GLOBAL)
  target_include_directories(${target} SYSTEM INTERFACE "${KKPHAM_SYSDEPS_INCLUDE}")
endfunction()

_kkpham_stage_header_dir(nlohmann_json::nlohmann_json "nlohmann/json.hpp" nlohmann nlohmann-json3-dev)
if(KKPHAM_BUILD_TESTS)
  _kkpham_stage_header_dir(doctest::doctest "doctest/doctest.h" doctest doctest-dev)
endif()
