/* SPDX-License-Identifier: MIT */
// The header as C++: the same program as header_dump.c (whose output it
// must match), plus what only C++ can say at compile time.
#include "header_dump.c"

static_assert(SIPCODE_BUSY_HERE == 486, "a constant");
static_assert(SIPCODE_IS_FINAL(486) && !SIPCODE_IS_FINAL(183), "a constant expression");
static_assert(SIPCODE_IS_VALID(699LL) && !SIPCODE_IS_VALID(4294967296LL + 486),
              "no truncation of a wide argument");
static_assert(SIPCODE_CLASS_GLOBAL_FAILURE == 6, "class enum");
