#ifndef PORTFOLIO_LIBVIPS_API_H
#define PORTFOLIO_LIBVIPS_API_H

#include <stddef.h>

// The part of libvips's and glib's C API that the shim calls, declared here instead of included
// from their headers: the shim loads libvips at run time (dlopen), so nothing may link against it,
// and SwiftPM links every library that pkg-config names for a header's target. The test target
// `CVipsAPICheck` compiles these declarations beside libvips's own headers, so a declaration that
// differs from the installed libvips's is a compile error there.

/// libvips's ABI version: the number in its shared library's name (`libvips.so.42`).
#define PV_LIBVIPS_ABI 42

typedef struct _VipsImage VipsImage;

#define PV_VIPS_META_ICC_NAME "icc-profile-data"
#define PV_VIPS_META_LOADER "vips-loader"
#define PV_VIPS_SIZE_DOWN 2
#define PV_VIPS_FOREIGN_HEIF_COMPRESSION_AV1 4
#define PV_G_LOG_LEVEL_WARNING (1 << 4)

int vips_init(const char *argv0);
int vips_version(int flag);
void vips_cache_set_max(int max);
void vips_concurrency_set(int concurrency);

void vips_error(const char *domain, const char *fmt, ...);
char *vips_error_buffer_copy(void);
void vips_error_clear(void);

VipsImage *vips_image_new_from_file(const char *name, ...);
VipsImage *vips_image_new_from_buffer(const void *buf, size_t len, const char *option_string, ...);
int vips_black(VipsImage **out, int width, int height, ...);
int vips_image_get_width(const VipsImage *image);
int vips_image_get_page_height(VipsImage *image);
int vips_image_get_n_pages(VipsImage *image);
int vips_image_get_orientation_swap(VipsImage *image);
unsigned long vips_image_get_typeof(const VipsImage *image, const char *name);
int vips_image_get_string(const VipsImage *image, const char *name, const char **out);
unsigned long vips_type_find(const char *basename, const char *nickname);

int vips_thumbnail_buffer(void *buf, size_t len, VipsImage **out, int width, ...);
int vips_jpegsave_buffer(VipsImage *in, void **buf, size_t *len, ...);
int vips_pngsave_buffer(VipsImage *in, void **buf, size_t *len, ...);
int vips_webpsave_buffer(VipsImage *in, void **buf, size_t *len, ...);
int vips_heifsave_buffer(VipsImage *in, void **buf, size_t *len, ...);
int vips_gifsave_buffer(VipsImage *in, void **buf, size_t *len, ...);

void g_free(void *memory);
void g_object_unref(void *object);
unsigned g_log_set_handler(
    const char *domain, int levels, void (*handler)(const char *domain, int level, const char *message, void *data),
    void *data);

#endif
