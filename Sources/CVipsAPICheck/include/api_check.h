#ifndef PORTFOLIO_VIPS_API_CHECK_H
#define PORTFOLIO_VIPS_API_CHECK_H

/// 1 when the shim names libvips's metadata fields as libvips's headers do.
int pv_api_check_metadata_names_match(void);

#endif
