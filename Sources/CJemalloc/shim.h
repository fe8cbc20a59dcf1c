// jemalloc replaces glibc's malloc for the whole process once linked (Debian builds it without a
// symbol prefix); the header is only for mallctl, to name the allocator in the start-up log.
#include <jemalloc/jemalloc.h>
