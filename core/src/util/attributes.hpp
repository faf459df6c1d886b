// Compiler hints shared by the core (no behaviour of their own).
#pragma once

// KKPHAM_COLD marks a function that runs only when something is wrong with the input (building a
// diagnostic, a JSON path, a message): it is kept out of line and compiled for size, and the
// branches that call it count as unlikely. The scoring path is then smaller and faster, which
// matters most in the WebAssembly build.
#if defined(__clang__)
#define KKPHAM_COLD [[gnu::cold, gnu::noinline, clang::minsize]]
#else
#define KKPHAM_COLD [[gnu::cold, gnu::noinline]]
#endif
