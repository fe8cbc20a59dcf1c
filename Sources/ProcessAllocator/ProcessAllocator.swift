import CJemalloc

/// The executables run on jemalloc instead of glibc's malloc. A worker allocates and frees on
/// several threads at once (the consumer copies a record, a lane builds the page's tree, strings
/// and events, librdkafka's threads free the sent messages), where glibc's arenas spent 15–20% of
/// `pagepipe run`'s CPU in `malloc`, `free` and `malloc_consolidate`; with jemalloc the same run
/// took 12% less CPU per page (BENCHMARKS.md, "Allocator"). Linking the library is what makes the
/// switch: Debian builds it without a symbol prefix, so its `malloc` serves the whole process,
/// librdkafka included. This type only names it, for the start-up log.
public enum ProcessAllocator {
    /// "jemalloc 5.3.0-0-g…", read from the allocator itself, so a build that lost the link says
    /// so instead of naming a library that is not in use.
    public static var description: String {
        var version: UnsafePointer<CChar>?
        var size = MemoryLayout<UnsafePointer<CChar>?>.size
        guard mallctl("version", &version, &size, nil, 0) == 0, let version else {
            return "glibc malloc (jemalloc not linked)"
        }
        return "jemalloc " + String(cString: version)
    }

    /// Hands the memory freed so far back to the system now, in every arena. jemalloc keeps freed
    /// pages for reuse for about ten seconds, per arena, and gives each lane thread an arena: after
    /// a page of tens of MB each arena that parsed one would keep it, and the process would grow
    /// with the number of lanes. Called after each such page; a no-op without jemalloc.
    @Sendable public static func returnFreedMemory() {
        // MALLCTL_ARENAS_ALL: the pseudo-index for "every arena".
        _ = mallctl("arena.4096.purge", nil, nil, nil, 0)
    }
}
