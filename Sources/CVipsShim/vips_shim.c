#include "vips_shim.h"

#include <dlfcn.h>
#include <pthread.h>
#include <stdio.h>
#include <string.h>

#include "libvips_api.h"

// libvips is loaded when the first image needs it, not when the program starts: the libraries it
// brings (librsvg, libheif, poppler and some seventy more) made every start slower and every build
// larger in memory, also the many builds that process no image. Each function the shim calls is
// looked up once, with the type `libvips_api.h` declares for it.
#define LIBVIPS_FUNCTIONS(F) \
    F(g_free) \
    F(g_log_set_handler) \
    F(g_object_unref) \
    F(vips_black) \
    F(vips_cache_set_max) \
    F(vips_concurrency_set) \
    F(vips_error) \
    F(vips_error_buffer_copy) \
    F(vips_error_clear) \
    F(vips_gifsave_buffer) \
    F(vips_heifsave_buffer) \
    F(vips_image_get_n_pages) \
    F(vips_image_get_orientation_swap) \
    F(vips_image_get_page_height) \
    F(vips_image_get_string) \
    F(vips_image_get_typeof) \
    F(vips_image_get_width) \
    F(vips_image_new_from_buffer) \
    F(vips_image_new_from_file) \
    F(vips_init) \
    F(vips_jpegsave_buffer) \
    F(vips_pngsave_buffer) \
    F(vips_thumbnail_buffer) \
    F(vips_type_find) \
    F(vips_version) \
    F(vips_webpsave_buffer)

static struct {
#define DECLARE(name) __typeof__(name) *name;
    LIBVIPS_FUNCTIONS(DECLARE)
#undef DECLARE
} lib;

static char load_error[512];

static void set_load_error(const char *what, const char *detail) {
    snprintf(load_error, sizeof load_error, "%s%s%s", what, detail ? ": " : "", detail ? detail : "");
}

/// Opens the libvips of the ABI version declared in `libvips_api.h` and finds its functions.
static int load_libvips(void) {
    char name[64];
#ifdef __APPLE__
    snprintf(name, sizeof name, "libvips.%d.dylib", PV_LIBVIPS_ABI);
#else
    snprintf(name, sizeof name, "libvips.so.%d", PV_LIBVIPS_ABI);
#endif
    void *handle = dlopen(name, RTLD_NOW | RTLD_LOCAL);
    if (!handle) {
        set_load_error("libvips could not be loaded", dlerror());
        return -1;
    }
#define LOOK_UP(function) \
    if (!(lib.function = (__typeof__(function) *)dlsym(handle, #function))) { \
        set_load_error("libvips has no function " #function, NULL); \
        return -1; \
    }
    LIBVIPS_FUNCTIONS(LOOK_UP)
#undef LOOK_UP
    return 0;
}

// libvips gathers the errors of every thread in one buffer, and taking them empties it: two
// operations failing at the same moment would take each other's messages. Operations share this
// lock; one that fails runs again holding it alone, after clearing the buffer, so that the messages
// it then takes are its own. Failures are rare, so images are still processed in parallel.
static pthread_rwlock_t errors_lock;

static int run_reporting_errors(int (*operation)(void *), void *arguments, char **error) {
    *error = NULL;
    pthread_rwlock_rdlock(&errors_lock);
    int status = operation(arguments);
    pthread_rwlock_unlock(&errors_lock);
    if (status == 0) return 0;
    pthread_rwlock_wrlock(&errors_lock);
    lib.vips_error_clear();
    status = operation(arguments);
    if (status) *error = lib.vips_error_buffer_copy();
    pthread_rwlock_unlock(&errors_lock);
    return status;
}

// libvips logs a warning for each damaged file it reads (a PNG chunk with a bad CRC...); the build
// reports images it cannot read as diagnostics, so the library's own log stays quiet.
static void ignore_log(const char *domain, int level, const char *message, void *data) {
    (void)domain, (void)level, (void)message, (void)data;
}

int pv_init(void) {
    pthread_rwlockattr_t attributes;
    pthread_rwlockattr_init(&attributes);
#ifdef __GLIBC__
    // glibc's default lets readers starve a waiting writer: a failed operation must get its turn.
    pthread_rwlockattr_setkind_np(&attributes, PTHREAD_RWLOCK_PREFER_WRITER_NONRECURSIVE_NP);
#endif
    pthread_rwlock_init(&errors_lock, &attributes);
    pthread_rwlockattr_destroy(&attributes);
    if (load_libvips()) return -1;
    // What VIPS_INIT checks: the library's interface version (current minus age, from libtool).
    if (lib.vips_version(3) - lib.vips_version(5) != PV_LIBVIPS_ABI) {
        set_load_error("libvips has another ABI version than the one this program was built for", NULL);
        return -1;
    }
    if (lib.vips_init("portfolio")) {
        set_load_error("libvips could not be initialised", NULL);
        return -1;
    }
    lib.g_log_set_handler("VIPS", PV_G_LOG_LEVEL_WARNING, ignore_log, NULL);
    lib.vips_cache_set_max(0);
    lib.vips_concurrency_set(1);
    return 0;
}

static void copy_text(char *target, size_t size, const char *text) {
    strncpy(target, text ? text : "", size - 1);
    target[size - 1] = '\0';
}

typedef struct {
    const char *path;
    pv_facts *facts;
} facts_arguments;

static int facts_of_file(void *arguments) {
    const char *path = ((facts_arguments *)arguments)->path;
    pv_facts *facts = ((facts_arguments *)arguments)->facts;
    memset(facts, 0, sizeof *facts);
    VipsImage *image = lib.vips_image_new_from_file(path, NULL);
    if (!image) return -1;
    facts->width = lib.vips_image_get_width(image);
    facts->height = lib.vips_image_get_page_height(image);
    if (lib.vips_image_get_orientation_swap(image)) {
        int width = facts->width;
        facts->width = facts->height;
        facts->height = width;
    }
    facts->pages = lib.vips_image_get_n_pages(image);
    facts->has_profile = lib.vips_image_get_typeof(image, PV_VIPS_META_ICC_NAME) != 0;
    const char *loader = NULL;
    if (lib.vips_image_get_string(image, PV_VIPS_META_LOADER, &loader) == 0 && loader) {
        const char *formats[] = {"jpeg", "png", "webp", "gif", "heif", "svg"};
        for (size_t i = 0; i < sizeof formats / sizeof *formats; i++) {
            if (strncmp(loader, formats[i], strlen(formats[i])) == 0) copy_text(facts->format, sizeof facts->format, formats[i]);
        }
    }
    const char *compression = NULL;
    if (lib.vips_image_get_typeof(image, "heif-compression") && lib.vips_image_get_string(image, "heif-compression", &compression) == 0) {
        copy_text(facts->compression, sizeof facts->compression, compression);
    }
    lib.g_object_unref(image);
    return 0;
}

int pv_facts_of_file(const char *path, pv_facts *facts, char **error) {
    facts_arguments arguments = {path, facts};
    return run_reporting_errors(facts_of_file, &arguments, error);
}

static unsigned little_endian_32(const unsigned char *bytes) {
    return bytes[0] | bytes[1] << 8 | bytes[2] << 16 | (unsigned)bytes[3] << 24;
}

static void put_little_endian_32(unsigned char *bytes, unsigned value) {
    for (int i = 0; i < 4; i++) bytes[i] = (value >> (8 * i)) & 0xFF;
}

// libvips 8.14 writes an EXIF chunk into WebP files even when asked to strip: drop the EXIF and XMP
// chunks of the RIFF container in place, clear their flags in VP8X and fix the RIFF size.
static void strip_webp_metadata(unsigned char *bytes, size_t *length) {
    if (*length < 12 || memcmp(bytes, "RIFF", 4) || memcmp(bytes + 8, "WEBP", 4)) return;
    size_t read = 12, write = 12;
    while (read + 8 <= *length) {
        size_t chunk = 8 + little_endian_32(bytes + read + 4);
        chunk += chunk & 1;
        if (read + chunk > *length) chunk = *length - read;
        int metadata = memcmp(bytes + read, "EXIF", 4) == 0 || memcmp(bytes + read, "XMP ", 4) == 0;
        if (!metadata) {
            memmove(bytes + write, bytes + read, chunk);
            if (memcmp(bytes + write, "VP8X", 4) == 0 && chunk > 8) bytes[write + 8] &= ~(0x08 | 0x04);
            write += chunk;
        }
        read += chunk;
    }
    put_little_endian_32(bytes + 4, (unsigned)(write - 8));
    *length = write;
}

static int save(VipsImage *image, const char *format, int strip, void **output, size_t *output_length) {
    if (strcmp(format, "jpeg") == 0)
        return lib.vips_jpegsave_buffer(image, output, output_length, "Q", 82, "optimize_coding", 1, "interlace", 1,
                                    "strip", strip, NULL);
    if (strcmp(format, "png") == 0)
        return lib.vips_pngsave_buffer(image, output, output_length, "compression", 9, "strip", strip, NULL);
    if (strcmp(format, "webp") == 0) {
        int status = lib.vips_webpsave_buffer(image, output, output_length, "Q", 78, "effort", 4, "strip", strip, NULL);
        if (status == 0 && strip) strip_webp_metadata(*output, output_length);
        return status;
    }
    if (strcmp(format, "avif") == 0)
        return lib.vips_heifsave_buffer(image, output, output_length, "compression", PV_VIPS_FOREIGN_HEIF_COMPRESSION_AV1,
                                    "Q", 55, "effort", 2, "strip", strip, NULL);
    if (strcmp(format, "gif") == 0)
        return lib.vips_gifsave_buffer(image, output, output_length, "strip", strip, NULL);
    lib.vips_error("portfolio", "no encoder for '%s'", format);
    return -1;
}

typedef struct {
    const void *buffer;
    size_t length;
    int width;
    const char *format;
    int strip;
    void **output;
    size_t *output_length;
} encode_arguments;

static int resize(void *raw) {
    encode_arguments *arguments = raw;
    VipsImage *header = lib.vips_image_new_from_buffer(arguments->buffer, arguments->length, "", NULL);
    if (!header) return -1;
    int has_profile = lib.vips_image_get_typeof(header, PV_VIPS_META_ICC_NAME) != 0;
    lib.g_object_unref(header);
    VipsImage *image = NULL;
    void *buffer = (void *)arguments->buffer;
    // Height large enough that the width alone decides the scale; SIZE_DOWN never enlarges.
    int status = has_profile
        ? lib.vips_thumbnail_buffer(buffer, arguments->length, &image, arguments->width, "height", 10000000,
                                "size", PV_VIPS_SIZE_DOWN, "export_profile", "srgb", NULL)
        : lib.vips_thumbnail_buffer(buffer, arguments->length, &image, arguments->width, "height", 10000000,
                                "size", PV_VIPS_SIZE_DOWN, NULL);
    if (status) return -1;
    status = save(image, arguments->format, arguments->strip, arguments->output, arguments->output_length);
    lib.g_object_unref(image);
    return status;
}

int pv_resize(const void *buffer, size_t length, int width, const char *format, int strip,
              void **output, size_t *output_length, char **error) {
    encode_arguments arguments = {buffer, length, width, format, strip, output, output_length};
    return run_reporting_errors(resize, &arguments, error);
}

static int svg_to_png(void *raw) {
    encode_arguments *arguments = raw;
    VipsImage *image = NULL;
    if (lib.vips_thumbnail_buffer((void *)arguments->buffer, arguments->length, &image, arguments->width,
                              "height", 10000000, NULL)) return -1;
    // zlib's default level: the smallest level (9) took two to six times as long for about a tenth fewer
    // bytes, on images that readers of the page do not download (cards) or fetch once (icons). A
    // change here changes ImagePublisher.drawingVersion.
    int status = lib.vips_pngsave_buffer(image, arguments->output, arguments->output_length, "compression", 6,
                                     "strip", 1, NULL);
    lib.g_object_unref(image);
    return status;
}

int pv_svg_to_png(const void *buffer, size_t length, int width, void **output, size_t *output_length, char **error) {
    encode_arguments arguments = {buffer, length, width, "png", 1, output, output_length};
    return run_reporting_errors(svg_to_png, &arguments, error);
}

int pv_can_encode_avif(void) {
    if (lib.vips_type_find("VipsOperation", "heifsave_buffer") == 0) return 0;
    VipsImage *image = NULL;
    if (lib.vips_black(&image, 16, 16, "bands", 3, NULL)) return 0;
    void *output = NULL;
    size_t length = 0;
    int status = save(image, "avif", 1, &output, &length);
    lib.g_object_unref(image);
    lib.g_free(output);
    lib.vips_error_clear();
    return status == 0 && length > 0;
}

const char *pv_load_error(void) {
    return load_error;
}

void pv_free(void *memory) {
    lib.g_free(memory);
}
