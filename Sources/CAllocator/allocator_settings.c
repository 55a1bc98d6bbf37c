#include "allocator_settings.h"

#if defined(__linux__) && __has_include(<mimalloc.h>)
#include <mimalloc.h>
#define PORTFOLIO_HAS_MIMALLOC 1
#endif

void portfolio_return_free_memory_at_once(void) {
#ifdef PORTFOLIO_HAS_MIMALLOC
// mimalloc 2.1 renamed the decommit delay the purge delay.
#if MI_MALLOC_VERSION >= 210
    mi_option_set(mi_option_purge_delay, 0);
#else
    mi_option_set(mi_option_decommit_delay, 0);
#endif
#endif
}
