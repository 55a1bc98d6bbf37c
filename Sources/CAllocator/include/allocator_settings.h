#ifndef PORTFOLIO_ALLOCATOR_SETTINGS_H
#define PORTFOLIO_ALLOCATOR_SETTINGS_H

/// Asks mimalloc (the allocator of the Linux binary, see `allocator` in Package.swift) to hand memory
/// that is free again back to the system at once, rather than after a delay in case it is wanted
/// again: a build frees the memory of each stage as the next one starts, on other threads, and the
/// delay made the peak of a large build hold both. Does nothing where mimalloc is not the allocator.
void portfolio_return_free_memory_at_once(void);

#endif
