// swift-tools-version:6.0
// Waymark: a static site generator for a young people's sexual-exploitation service.
// WaymarkCore is the whole builder as a library; `waymark` is a thin command-line layer over it.
import PackageDescription

let package = Package(
    name: "Waymark",
    platforms: [.macOS(.v13)],
    products: [
        .executable(name: "waymark", targets: ["waymark"]),
        .library(name: "WaymarkCore", targets: ["WaymarkCore"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.5.0"),
        .package(url: "https://github.com/jpsim/Yams", from: "6.0.0"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.0.0"),
        .package(url: "https://github.com/hummingbird-project/hummingbird", from: "2.0.0"),
        .package(url: "https://github.com/apple/swift-log", from: "1.5.0"),
        .package(url: "https://github.com/swift-server/swift-service-lifecycle", from: "2.0.0"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmarkGFM",
            path: "Sources/CCmarkGFM",
            pkgConfig: "libcmark-gfm",
            providers: [.apt(["libcmark-gfm-dev", "libcmark-gfm-extensions-dev"])]
        ),
        // Markdown through cmark-gfm: the only target that sees the C library (and its lock and
        // one-time setup); no C pointer leaves it.
        .target(name: "WaymarkMarkdown", dependencies: ["CCmarkGFM"]),
        // The service's nouns (tiers, levels, modules, routes ...) and diagnostics: plain values
        // that every stage shares. It sees no stage, so a call from the model into Load or
        // Render does not compile.
        .target(name: "WaymarkModel", dependencies: ["WaymarkMarkdown"]),
        .target(
            name: "WaymarkCore",
            dependencies: [
                "WaymarkModel",
                "WaymarkMarkdown",
                .product(name: "Yams", package: "Yams"),
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            resources: [.copy("Check/Resources/syllables.txt"), .copy("Check/Resources/CMUDICT-LICENSE")]
        ),
        // Incremental rebuilds for the preview: a layer on top of the pipeline. It depends on the
        // core and never the reverse, so no stage can reach into the preview's cache.
        .target(name: "WaymarkRebuild", dependencies: ["WaymarkCore", "WaymarkModel"]),
        // The preview server for writers: its own target, so the builder never depends on a web server.
        .target(
            name: "WaymarkServer",
            dependencies: [
                "WaymarkCore",
                "WaymarkModel",
                "WaymarkRebuild",
                .product(name: "Hummingbird", package: "hummingbird"),
                .product(name: "Logging", package: "swift-log"),
                .product(name: "ServiceLifecycle", package: "swift-service-lifecycle"),
            ]
        ),
        .executableTarget(
            name: "waymark",
            dependencies: [
                "WaymarkCore",
                "WaymarkModel",
                "WaymarkRebuild",
                "WaymarkServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .testTarget(name: "WaymarkCoreTests", dependencies: ["WaymarkCore", "WaymarkModel", "WaymarkMarkdown", "WaymarkRebuild"], exclude: ["Check/readability-samples.txt"]),
    ]
)
