#ifndef PORTFOLIO_ATOMIC_SWAP_H
#define PORTFOLIO_ATOMIC_SWAP_H

/// Exchanges two paths in one step (Linux renameat2 with RENAME_EXCHANGE), so a reader sees either
/// the old output folder or the new one, never a missing one. Returns 0, or -1 with errno set.
int portfolio_exchange_paths(const char *first, const char *second);

#endif
