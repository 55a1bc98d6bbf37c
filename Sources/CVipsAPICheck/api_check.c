// Compiles the shim's own declarations of libvips (`libvips_api.h`) beside libvips's headers: a
// function declared with other types than the installed libvips gives it is a "conflicting types"
// error here, and a constant with another value fails its assertion. Only the tests build this target.

#include <vips/vips.h>

#include "../CVipsShim/libvips_api.h"

_Static_assert(PV_LIBVIPS_ABI == VIPS_LIBRARY_CURRENT - VIPS_LIBRARY_AGE, "libvips's ABI version");
_Static_assert(PV_VIPS_SIZE_DOWN == VIPS_SIZE_DOWN, "VIPS_SIZE_DOWN");
_Static_assert(PV_VIPS_FOREIGN_HEIF_COMPRESSION_AV1 == VIPS_FOREIGN_HEIF_COMPRESSION_AV1, "VIPS_FOREIGN_HEIF_COMPRESSION_AV1");
_Static_assert(PV_G_LOG_LEVEL_WARNING == G_LOG_LEVEL_WARNING, "G_LOG_LEVEL_WARNING");

int pv_api_check_metadata_names_match(void) {
    return __builtin_strcmp(PV_VIPS_META_ICC_NAME, VIPS_META_ICC_NAME) == 0
        && __builtin_strcmp(PV_VIPS_META_LOADER, VIPS_META_LOADER) == 0;
}
