#ifndef PORTFOLIO_ALLOCATOR_SETTINGS_H
#define PORTFOLIO_ALLOCATOR_SETTINGS_H

#include <stdbool.h>

/// Whether mimalloc (the allocator of the Linux binary, see `allocator` in Package.swift) hands memory
/// that is free again back to the system at once (`at_once`), or after its standard delay in
/// case it is wanted again. A build from scratch wants it at once: it frees the memory of each stage
/// as the next one starts, on other threads, and the delay made its peak hold both. An incremental
/// build holds far less, and handing memory back at once made it fault the same pages in again.
/// Does nothing where mimalloc is not the allocator.
void portfolio_return_free_memory_at_once(bool at_once);

#endif
