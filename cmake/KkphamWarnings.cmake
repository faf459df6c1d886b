# kkpham_target_warnings(<target>): the project's warning set, for g++, clang and em++.
function(kkpham_target_warnings target)
  target_compile_options(${target} PRIVATE -Wall -Wextra -Wpedantic)
  if(KKPHAM_WERROR)
    target_compile_options(${target} PRIVATE -Werror)
  endif()
endfunction()
