// swift-tools-version: 6.2
//
// pagepipe: a Kafka ingestion worker for Chinese e-paper pages.
//
// Layering (each layer knows only the ones above it):
//   ByteText                        byte search, UTF-8 without validation, word-at-a-time tests; no dependencies
//   PageModel (+ CCrypto)           events and parsed-page types, the JSON wire form, hashes
//   PageDecode (+ CZlib, CLibdeflate) / PageParse / PageClassify   the page core's three stages, no Kafka
//   PageCore                        decode -> parse -> classify -> events, one call
//   DecodeReference                 the pre-rewrite decoder (zlib + iconv), a reference for tests and the bench
//   PageCorpus                      synthetic pages for the demo, tests and benchmarks
//   Kafka (+ CRdKafka)              the only code that touches librdkafka
//   PageTracing                     spans over OTLP/HTTP, no Kafka
//   TopicContract                   topic names, routing, headers and settings (Protocols/topics.md)
//   PageWorker                      the worker: consumer -> lanes -> producer, commits behind acknowledgements
//   KafkaTools                      produce, replay, stats and topics: one-shot Kafka jobs around the worker
//   ProcessAllocator (+ CJemalloc)  the executables' allocator, jemalloc
//   Operations                      /metrics and the probes over swift-nio, JSON logs
//   pagepipe, pagepipe-bench        thin executables that wire the above together
//   HTTPAttackSupport, BrokerTestSupport, PageWorkerTesting   (under Tests/) test support: raw-socket HTTP
//                                   clients, the shared test broker, an in-memory cluster for the worker
import PackageDescription

// The binary loads librdkafka >= 2.2 from the project-local .tools/lib (see Tools/setup) ahead of
// Debian's 2.0.2, which cannot talk to current brokers. LD_LIBRARY_PATH still wins over this.
let localLibrarySearchPath: [LinkerSetting] = [
    .unsafeFlags(["-Xlinker", "-rpath", "-Xlinker", Context.packageDirectory + "/.tools/lib"])
]

let package = Package(
    name: "pagepipe",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "pagepipe", targets: ["pagepipe"]),
        .library(name: "PageCore", targets: ["PageCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.6.0"),
        .package(url: "https://github.com/apple/swift-metrics", from: "2.13.0"),
        .package(url: "https://github.com/swift-server/swift-prometheus", from: "2.4.1"),
        .package(url: "https://github.com/apple/swift-nio", from: "2.101.2"),
        // The tracing API only (no dependencies of its own); the OTLP exporter is PageTracing's, not
        // swift-otel's, for build time (Sources/PageTracing/OTLPTracer.swift).
        .package(url: "https://github.com/apple/swift-distributed-tracing", from: "1.7.3"),
    ],
    targets: [
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        .systemLibrary(name: "CLibdeflate", pkgConfig: "libdeflate", providers: [.apt(["libdeflate-dev"])]),
        .systemLibrary(name: "CRdKafka", pkgConfig: "rdkafka", providers: [.apt(["librdkafka-dev"])]),
        // The executables' allocator (see Sources/ProcessAllocator).
        .systemLibrary(name: "CJemalloc", pkgConfig: "jemalloc", providers: [.apt(["libjemalloc-dev"])]),
        // SHA-256 (dead letters, topic-model data hashes); librdkafka links libcrypto already.
        .systemLibrary(name: "CCrypto", pkgConfig: "libcrypto", providers: [.apt(["libssl-dev"])]),

        // The byte and UTF-8 toolkit every page stage shares. Also home to `concurrentlyComputing`,
        // the one helper that is not about bytes: it is the only dependency-free target that both of
        // its users (`pagepipe parse`, the corpus writer) already build on.
        .target(name: "ByteText"),
        .target(name: "PageModel", dependencies: ["ByteText", "CCrypto"]),
        .target(name: "PageDecode", dependencies: ["ByteText", "CZlib", "CLibdeflate"]),
        .target(name: "PageParse", dependencies: ["ByteText", "PageModel"]),
        .target(name: "PageClassify", dependencies: ["ByteText", "PageModel"], resources: [.copy("Resources")]),
        .target(name: "PageCore", dependencies: ["PageModel", "PageDecode", "PageParse", "PageClassify"]),
        // The pre-rewrite decoder (zlib + iconv), for PageDecodeTests and pagepipe-bench only.
        .target(name: "DecodeReference", dependencies: ["ByteText", "PageDecode"]),
        .target(name: "PageCorpus", dependencies: ["ByteText", "PageModel", "PageDecode", "PageClassify"]),

        .target(name: "ProcessAllocator", dependencies: ["CJemalloc"]),
        .target(
            name: "Kafka",
            dependencies: ["CRdKafka", .product(name: "Logging", package: "swift-log")]
        ),
        // Page spans over OTLP/HTTP (--otel-endpoint); knows neither Kafka nor the page core.
        .target(
            name: "PageTracing",
            dependencies: [
                .product(name: "Tracing", package: "swift-distributed-tracing"), .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .target(name: "TopicContract", dependencies: ["PageModel", "Kafka"]),
        .target(
            name: "PageWorker",
            dependencies: [
                "PageCore", "PageDecode", "PageParse", "PageModel", "Kafka", "TopicContract", "PageTracing",
                .product(name: "Tracing", package: "swift-distributed-tracing"),
                .product(name: "Logging", package: "swift-log"), .product(name: "Metrics", package: "swift-metrics"),
            ]
        ),
        .target(
            name: "KafkaTools",
            dependencies: ["Kafka", "TopicContract", "PageDecode", .product(name: "Logging", package: "swift-log")]
        ),
        .target(
            name: "Operations",
            dependencies: [
                "PageWorker", "Kafka", .product(name: "Logging", package: "swift-log"),
                .product(name: "Metrics", package: "swift-metrics"),
                .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "NIOCore", package: "swift-nio"), .product(name: "NIOPosix", package: "swift-nio"),
                .product(name: "NIOHTTP1", package: "swift-nio"),
            ]
        ),

        .executableTarget(
            name: "pagepipe",
            dependencies: [
                "ByteText", "PageModel", "PageDecode", "PageParse", "PageClassify", "PageCore", "PageCorpus", "Kafka", "TopicContract",
                "PageWorker", "KafkaTools", "Operations", "ProcessAllocator", "PageTracing",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
                .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: localLibrarySearchPath
        ),
        .executableTarget(
            name: "pagepipe-bench",
            dependencies: [
                "PageModel", "PageDecode", "DecodeReference", "PageClassify", "PageCore", "PageCorpus", "Kafka", "TopicContract",
                "PageWorker", "ProcessAllocator",
            ],
            path: "Sources/PagepipeBench",
            linkerSettings: localLibrarySearchPath
        ),

        .testTarget(name: "ByteTextTests", dependencies: ["ByteText", "PageModel"]),
        // PageCore: the event reader's tests read back events the page core made from real pages.
        .testTarget(name: "PageModelTests", dependencies: ["ByteText", "PageModel", "PageCore"]),
        .testTarget(name: "PageDecodeTests", dependencies: ["PageDecode", "DecodeReference"]),
        .testTarget(name: "PageParseTests", dependencies: ["ByteText", "PageModel", "PageParse", "PageClassify"]),
        .testTarget(name: "PageClassifyTests", dependencies: ["ByteText", "PageModel", "PageClassify"]),
        .testTarget(
            name: "PageCoreTests", dependencies: ["PageModel", "PageDecode", "PageParse", "PageClassify", "PageCore", "PageCorpus"]
        ),
        .testTarget(name: "PageCorpusTests", dependencies: ["PageCorpus", "PageDecode"]),
        // The shared test broker (Tools/broker), for the test targets that need a real one.
        .target(name: "BrokerTestSupport", path: "Tests/BrokerTestSupport"),
        .testTarget(
            name: "KafkaTests",
            dependencies: ["Kafka", "BrokerTestSupport", .product(name: "Logging", package: "swift-log")],
            linkerSettings: localLibrarySearchPath),
        .testTarget(name: "PageTracingTests", dependencies: ["PageTracing", .product(name: "Tracing", package: "swift-distributed-tracing")]),
        .testTarget(name: "TopicContractTests", dependencies: ["TopicContract", "PageWorker", "PageModel", "PageCore", "PageCorpus", "Kafka"]),
        // An in-memory cluster playing the worker's record source and sink, and a worker running
        // on it: the worker's decisions tested without a broker.
        .target(
            name: "PageWorkerTesting",
            dependencies: [
                "PageWorker", "Kafka", "KafkaTools", "PageCore", "PageCorpus", "TopicContract",
                .product(name: "Logging", package: "swift-log"),
            ],
            path: "Tests/PageWorkerTesting"
        ),
        .testTarget(
            name: "PageWorkerTests",
            dependencies: ["PageWorker", "PageWorkerTesting", "PageModel", "PageCore", "PageCorpus", "Kafka", "TopicContract"],
            linkerSettings: localLibrarySearchPath
        ),
        // Raw-socket HTTP clients that send what a library would refuse to, for the probe-port tests.
        .target(name: "HTTPAttackSupport", path: "Tests/HTTPAttackSupport"),
        .testTarget(
            name: "OperationsTests",
            dependencies: [
                "Operations", "PageWorker", "Kafka", "HTTPAttackSupport", .product(name: "Prometheus", package: "swift-prometheus"),
                .product(name: "Logging", package: "swift-log"),
            ]
        ),
        .testTarget(
            name: "IntegrationTests",
            dependencies: [
                "Kafka", "PageWorker", "PageWorkerTesting", "KafkaTools", "TopicContract", "PageCorpus", "PageDecode",
                "HTTPAttackSupport", "BrokerTestSupport", .product(name: "Logging", package: "swift-log"),
            ],
            linkerSettings: localLibrarySearchPath),
    ],
    swiftLanguageModes: [.v6]
)
