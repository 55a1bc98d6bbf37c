#include "allocator_settings.h"

#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#include <stdatomic.h>
#define PORTFOLIO_HAS_MIMALLOC 1
// mimalloc 2.1 renamed the decommit delay the purge delay.
#if MI_MALLOC_VERSION >= 210
#define PORTFOLIO_FREE_MEMORY_DELAY mi_option_purge_delay
#else
#define PORTFOLIO_FREE_MEMORY_DELAY mi_option_decommit_delay
#endif
#endif

void portfolio_return_free_memory_at_once(bool at_once) {
#ifdef PORTFOLIO_HAS_MIMALLOC
    // The standard delay (mimalloc's default, or a MIMALLOC_* setting), kept by the first call, which
    // reads it before it changes anything; builds run at once (tests) may make their first calls
    // together, and a later one may read a delay another has set, so only the first to store wins.
    static atomic_long standard_delay = -1;
    long unset = -1;
    atomic_compare_exchange_strong(&standard_delay, &unset, mi_option_get(PORTFOLIO_FREE_MEMORY_DELAY));
    mi_option_set(PORTFOLIO_FREE_MEMORY_DELAY, at_once ? 0 : atomic_load(&standard_delay));
#else
    (void)at_once;
#endif
}
