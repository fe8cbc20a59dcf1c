import ArgumentParser
import ProcessAllocator
import PageCore
import PageDecode
import PageParse

/// Page-core settings shared by `parse` and `run`.
struct PageCoreOptions: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp(
        "A section-taxonomy JSON file (format of Sources/PageClassify/Resources/sections.json) whose rules and cues are tried before the bundled ones. Env: PAGEPIPE_SECTIONS.",
        valueName: "file"))
    var sections: String?

    @Option(name: .long, help: ArgumentHelp(
        "A gazetteer JSON file (format of Sources/PageClassify/Resources/gazetteer.json) extending the bundled one. Env: PAGEPIPE_GAZETTEER.",
        valueName: "file"))
    var gazetteer: String?

    @Option(name: .long, help: ArgumentHelp(
        "A topic model file (pagepipe topic-model train) used instead of the bundled one. Env: PAGEPIPE_TOPIC_MODEL.",
        valueName: "file"))
    var topicModel: String?

    @Option(name: .long, help: ArgumentHelp("Refuse blobs larger than this many MiB.", valueName: "MiB"))
    var maxBlobMib: Int = 32

    @Option(name: .long, help: ArgumentHelp("Refuse blobs that inflate past this many MiB (zip bombs).", valueName: "MiB"))
    var maxInflatedMib: Int = 64

    @Option(name: .long, help: ArgumentHelp("Refuse HTML pages with more elements, text runs and comments than this (floods of tags).", valueName: "n"))
    var maxNodes: Int = ParseLimits().maxNodes

    @Option(name: .long, help: ArgumentHelp("Refuse plain-text pages with more lines than this.", valueName: "n"))
    var maxLines: Int = ParseLimits().maxLines

    @Option(name: .long, help: ArgumentHelp("Fail a page still being worked on after this many milliseconds, as parse/tooSlow (the worker dead-letters it). Env: PAGEPIPE_MAX_PAGE_MS. Default: 5000.", valueName: "ms"))
    var maxPageMs: Int?

    func validate() throws {
        guard maxBlobMib > 0, maxInflatedMib > 0, maxNodes > 0, maxLines > 0 else { throw ValidationError("Size caps must be positive.") }
        guard try resolvedMaxPageMs.map({ $0 > 0 }) ?? true else { throw ValidationError("--max-page-ms (PAGEPIPE_MAX_PAGE_MS) must be positive.") }
    }

    /// `--max-page-ms`, else `PAGEPIPE_MAX_PAGE_MS`, else nil for the default.
    private var resolvedMaxPageMs: Int? {
        get throws { try maxPageMs ?? Environment.integer("PAGEPIPE_MAX_PAGE_MS") }
    }

    var configuration: PageCoreConfiguration {
        var configuration = PageCoreConfiguration(
            limits: DecodeLimits(maxBlobBytes: maxBlobMib << 20, maxInflatedBytes: maxInflatedMib << 20),
            parseLimits: ParseLimits(maxNodes: maxNodes, maxLines: maxLines),
            // validate() has read the variable: it is a whole number here.
            maxPageDuration: (try? resolvedMaxPageMs).flatMap { $0 }.map { .milliseconds($0) } ?? PageCoreConfiguration.defaultMaxPageDuration,
            sectionsFile: sections ?? Environment.value("PAGEPIPE_SECTIONS"),
            gazetteerFile: gazetteer ?? Environment.value("PAGEPIPE_GAZETTEER"),
            topicModelFile: topicModel ?? Environment.value("PAGEPIPE_TOPIC_MODEL")
        )
        configuration.afterLargePage = ProcessAllocator.returnFreedMemory
        return configuration
    }

    func makeProcessor() throws -> PageProcessor {
        do {
            return try PageProcessor(configuration: configuration)
        } catch {
            throw ValidationError("\(error)")
        }
    }
}
