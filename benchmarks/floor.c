// The floor of a cold build with the libraries portfolio uses: what no site generator built on them
// can skip. On two threads it lists content/projects and each project's folder, reads every
// project's index.md and metrics.yaml, reads the front matter and the metric file with libyaml (every
// event, no tree) and renders the body with libcmark (safe mode); then it writes a file of the same
// size at every path of a reference output (a portfolio build of the same corpus), making its
// folders. What portfolio does beyond this (templates, charts, views, checks, hashes, the cache) is
// its own cost. Built and run by benchmarks/floor.
#include <cmark.h>
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <pthread.h>
#include <stdatomic.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <time.h>
#include <unistd.h>
#include <yaml.h>

typedef struct {
    char *path;
    size_t size;
} OutputFile;

static char **projects;
static size_t project_count;
static const char *projects_dir;
static OutputFile *outputs;
static size_t output_count;
static const char *output_root;
static char *filler;
static atomic_size_t next_project, next_output;
static atomic_size_t events_read, html_bytes;

static double now(void) {
    struct timespec t;
    clock_gettime(CLOCK_MONOTONIC, &t);
    return t.tv_sec + t.tv_nsec / 1e9;
}

static char *read_file(const char *path, size_t *length) {
    int fd = open(path, O_RDONLY | O_CLOEXEC);
    if (fd < 0) return NULL;
    struct stat info;
    if (fstat(fd, &info) != 0) { close(fd); return NULL; }
    char *bytes = malloc(info.st_size + 1);
    ssize_t got = read(fd, bytes, info.st_size);
    close(fd);
    if (got != info.st_size) { free(bytes); return NULL; }
    bytes[got] = 0;
    *length = got;
    return bytes;
}

static size_t yaml_events(const char *text, size_t length) {
    yaml_parser_t parser;
    yaml_event_t event;
    size_t count = 0;
    yaml_parser_initialize(&parser);
    yaml_parser_set_input_string(&parser, (const unsigned char *)text, length);
    for (;;) {
        if (!yaml_parser_parse(&parser, &event)) break;
        int done = event.type == YAML_STREAM_END_EVENT;
        yaml_event_delete(&event);
        count++;
        if (done) break;
    }
    yaml_parser_delete(&parser);
    return count;
}

static void read_project(const char *name) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", projects_dir, name);
    DIR *folder = opendir(path);
    if (!folder) return;
    while (readdir(folder)) {}
    closedir(folder);

    size_t length;
    snprintf(path, sizeof path, "%s/%s/index.md", projects_dir, name);
    char *text = read_file(path, &length);
    if (text) {
        const char *body = text;
        if (strncmp(text, "---\n", 4) == 0) {
            const char *end = strstr(text + 4, "\n---");
            if (end) {
                atomic_fetch_add(&events_read, yaml_events(text + 4, end - text - 3));
                body = strchr(end + 4, '\n');
                body = body ? body + 1 : end + 4;
            }
        }
        char *html = cmark_markdown_to_html(body, length - (body - text), CMARK_OPT_SAFE);
        atomic_fetch_add(&html_bytes, strlen(html));
        free(html);
        free(text);
    }
    snprintf(path, sizeof path, "%s/%s/metrics.yaml", projects_dir, name);
    text = read_file(path, &length);
    if (text) {
        atomic_fetch_add(&events_read, yaml_events(text, length));
        free(text);
    }
}

static void make_parents(char *path) {
    for (char *slash = strchr(path + 1, '/'); slash; slash = strchr(slash + 1, '/')) {
        *slash = 0;
        if (mkdir(path, 0755) != 0 && errno != EEXIST) perror(path);
        *slash = '/';
    }
}

static void write_output(const OutputFile *file) {
    char path[4096];
    snprintf(path, sizeof path, "%s/%s", output_root, file->path);
    int fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    if (fd < 0 && errno == ENOENT) {
        make_parents(path);
        fd = open(path, O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0644);
    }
    if (fd < 0) { perror(path); return; }
    if (write(fd, filler, file->size) != (ssize_t)file->size) perror(path);
    close(fd);
}

static void *work(void *phase) {
    if (phase == NULL) {
        for (size_t i; (i = atomic_fetch_add(&next_project, 1)) < project_count;) read_project(projects[i]);
    } else {
        for (size_t i; (i = atomic_fetch_add(&next_output, 1)) < output_count;) write_output(&outputs[i]);
    }
    return NULL;
}

static void run_threads(int threads, void *phase) {
    pthread_t ids[64];
    for (int i = 0; i < threads; i++) pthread_create(&ids[i], NULL, work, phase);
    for (int i = 0; i < threads; i++) pthread_join(ids[i], NULL);
}

int main(int argc, char **argv) {
    if (argc != 5) {
        fprintf(stderr, "usage: floor PROJECTS_DIR OUTPUT_LIST OUTPUT_ROOT THREADS\n"
                        "  OUTPUT_LIST: lines of `size path`, paths relative to the reference output\n");
        return 2;
    }
    projects_dir = argv[1];
    output_root = argv[3];
    int threads = atoi(argv[4]);
    if (threads < 1 || threads > 64) threads = 2;

    FILE *list = fopen(argv[2], "r");
    if (!list) { perror(argv[2]); return 1; }
    size_t capacity = 1024, largest = 0;
    outputs = malloc(capacity * sizeof *outputs);
    char line[4096];
    while (fgets(line, sizeof line, list)) {
        char *space = strchr(line, ' ');
        if (!space) continue;
        line[strcspn(line, "\n")] = 0;
        if (output_count == capacity) outputs = realloc(outputs, (capacity *= 2) * sizeof *outputs);
        outputs[output_count].size = strtoull(line, NULL, 10);
        outputs[output_count].path = strdup(space + 1);
        if (outputs[output_count].size > largest) largest = outputs[output_count].size;
        output_count++;
    }
    fclose(list);
    filler = malloc(largest + 1);
    memset(filler, 'x', largest + 1);

    double start = now();
    DIR *folder = opendir(projects_dir);
    if (!folder) { perror(projects_dir); return 1; }
    capacity = 1024;
    projects = malloc(capacity * sizeof *projects);
    for (struct dirent *entry; (entry = readdir(folder));) {
        if (entry->d_name[0] == '.') continue;
        if (project_count == capacity) projects = realloc(projects, (capacity *= 2) * sizeof *projects);
        projects[project_count++] = strdup(entry->d_name);
    }
    closedir(folder);
    run_threads(threads, NULL);
    double read = now();
    if (mkdir(output_root, 0755) != 0 && errno != EEXIST) { perror(output_root); return 1; }
    run_threads(threads, (void *)1);
    double end = now();
    printf("floor: %zu projects read (%zu YAML events, %zu bytes of HTML) in %.3f s; %zu files written in %.3f s; "
           "total %.3f s\n", project_count, (size_t)events_read, (size_t)html_bytes, read - start, output_count,
           end - read, end - start);
    return 0;
}
