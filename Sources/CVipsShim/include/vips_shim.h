#ifndef PORTFOLIO_VIPS_SHIM_H
#define PORTFOLIO_VIPS_SHIM_H

#include <stddef.h>

// Non-variadic wrappers of the libvips calls the image stage makes: Swift cannot call C functions
// that take `...`, and this header keeps glib's and libvips' own headers out of Swift's sight.

/// What libvips reads of an image's header: its size after EXIF orientation, its frames and loader.
typedef struct {
    int width;
    int height;
    int pages;
    /// "jpeg", "png", "webp", "gif", "heif" (AVIF and HEIC) or "svg"; empty when unknown.
    char format[16];
    /// "av1" or "hevc" for HEIF files.
    char compression[8];
    int has_profile;
} pv_facts;

/// Loads and initialises libvips; 0 on success, else `pv_load_error` says why. Also keeps libvips from
/// caching operations and from starting its own threads per image: the build processes images in
/// parallel itself. Call once, before any other function here.
int pv_init(void);

/// Why `pv_init` failed, or an empty string.
const char *pv_load_error(void);

// Each operation returns 0 on success; on failure, `*error` is libvips's messages for that operation
// alone (memory for `pv_free`, possibly NULL), even when other threads' operations fail beside it.

/// Reads the header of the image file at `path` (no pixels).
int pv_facts_of_file(const char *path, pv_facts *facts, char **error);

/// Decodes, rotates upright (EXIF orientation) and shrinks the image in `buffer` to `width` pixels
/// wide, never wider than it is, converting to sRGB when it carries a colour profile, then encodes it
/// as `format` ("jpeg", "png", "webp", "avif", "gif"). `strip` drops EXIF, XMP, IPTC and the profile.
/// On success `*output` is g_malloc'ed memory for `pv_free`.
int pv_resize(const void *buffer, size_t length, int width, const char *format, int strip,
              void **output, size_t *output_length, char **error);

/// Renders an SVG document (through librsvg) `width` pixels wide, to PNG without metadata.
int pv_svg_to_png(const void *buffer, size_t length, int width, void **output, size_t *output_length, char **error);

/// 1 when this machine's libvips can encode AVIF (libheif with an AV1 encoder), else 0.
int pv_can_encode_avif(void);

void pv_free(void *memory);

#endif
