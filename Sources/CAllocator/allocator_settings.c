#include "allocator_settings.h"

#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#define PORTFOLIO_HAS_MIMALLOC 1
// mimalloc 2.1 renamed the decommit delay the purge delay.
#if MI_MALLOC_VERSION >= 210
#define PORTFOLIO_FREE_MEMORY_DELAY mi_option_purge_delay
#else
#define PORTFOLIO_FREE_MEMORY_DELAY mi_option_decommit_delay
#endif
#endif

void portfolio_return_free_memory_at_once(int at_once) {
#ifdef PORTFOLIO_HAS_MIMALLOC
    // The standard delay, read before the first change: mimalloc's default or MIMALLOC_* settings.
    static long standard_delay = -1;
    if (standard_delay < 0) standard_delay = mi_option_get(PORTFOLIO_FREE_MEMORY_DELAY);
    mi_option_set(PORTFOLIO_FREE_MEMORY_DELAY, at_once ? 0 : standard_delay);
#else
    (void)at_once;
#endif
}
