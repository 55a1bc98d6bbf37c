// swift-tools-version: 6.0
import PackageDescription

// glibc's malloc is slow for the many small, short-lived allocations Swift code makes on several
// threads; mimalloc (Debian's libmimalloc-dev) replaces it for the whole process, libraries included,
// because it comes before libc in the binary's list of libraries. macOS's allocator needs no stand-in.
let allocator: [LinkerSetting] = [.linkedLibrary("mimalloc", .when(platforms: [.linux]))]

let package = Package(
    name: "portfolio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portfolio", targets: ["portfolio"]),
        .library(name: "PortfolioBuild", targets: ["PortfolioBuild"]),
    ],
    dependencies: [
        .package(url: "https://github.com/jpsim/Yams", from: "6.2.2"),
        .package(url: "https://github.com/hummingbird-project/swift-mustache", from: "2.1.1"),
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        .package(url: "https://github.com/apple/swift-collections", from: "1.6.0"),
        .package(url: "https://github.com/yaslab/CSV.swift", from: "2.5.2"),
        .package(url: "https://github.com/swhitty/FlyingFox", from: "0.27.1"),
    ],
    targets: [
        .systemLibrary(
            name: "CCmark",
            pkgConfig: "libcmark",
            providers: [.apt(["libcmark-dev"]), .brew(["cmark"])]
        ),
        .target(name: "CAtomicSwap"),
        .target(name: "CAllocator"),
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        // The shim loads libvips when the first image needs it (dlopen), so it does not depend on
        // CVips, whose pkg-config libraries would be linked; the tests check its declarations of
        // libvips against libvips's headers (CVipsAPICheck).
        .target(name: "CVipsShim"),
        .target(name: "CVipsAPICheck", dependencies: ["CVips"]),
        .target(name: "PortfolioTemplates"),
        // The stages of a build, bottom to top; each depends only on those above it in this list.
        .target(
            name: "PortfolioSupport",
            dependencies: ["PortfolioTemplates", .product(name: "OrderedCollections", package: "swift-collections")]
        ),
        .target(
            name: "PortfolioContent",
            dependencies: [
                "PortfolioSupport",
                "PortfolioTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(name: "PortfolioMarkdown", dependencies: ["PortfolioSupport", "PortfolioContent", "PortfolioTemplates", "CCmark"]),
        .target(
            name: "PortfolioMetrics",
            dependencies: [
                "PortfolioSupport",
                "PortfolioContent",
                .product(name: "CSV", package: "CSV.swift"),
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(name: "PortfolioCharts", dependencies: ["PortfolioSupport", "PortfolioMetrics"]),
        .target(name: "PortfolioImages", dependencies: ["PortfolioSupport", "PortfolioContent", "CVipsShim"]),
        .target(name: "PortfolioValidation", dependencies: ["PortfolioSupport", "PortfolioContent", "PortfolioMetrics"]),
        .target(
            name: "PortfolioSite",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMarkdown", "PortfolioMetrics", "PortfolioImages",
                "PortfolioValidation",
            ]
        ),
        .target(
            name: "PortfolioRender",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMetrics", "PortfolioCharts", "PortfolioImages",
                "PortfolioSite", "PortfolioTemplates",
            ]
        ),
        .target(
            name: "PortfolioOutput",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMarkdown", "PortfolioMetrics", "PortfolioImages",
                "PortfolioSite", "PortfolioRender", "CAtomicSwap",
                .product(name: "OrderedCollections", package: "swift-collections"),
            ]
        ),
        .target(
            name: "PortfolioBuild",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMarkdown", "PortfolioMetrics", "PortfolioImages",
                "PortfolioValidation", "PortfolioSite", "PortfolioRender", "PortfolioOutput", "CAllocator",
            ]
        ),
        .target(name: "PortfolioScaffold", dependencies: ["PortfolioSupport", "PortfolioContent"]),
        .target(
            name: "PortfolioServer",
            dependencies: [
                "PortfolioBuild",
                "PortfolioContent",
                "PortfolioSupport",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "portfolio",
            dependencies: [
                "PortfolioBuild",
                "PortfolioContent",
                "PortfolioMarkdown",
                "PortfolioScaffold",
                "PortfolioServer",
                "PortfolioSupport",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ],
            linkerSettings: allocator
        ),
        .executableTarget(
            name: "portfolio-fuzz",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMarkdown", "PortfolioMetrics", "PortfolioValidation",
                "PortfolioTemplates",
            ],
            path: "Sources/PortfolioFuzz"
        ),
        .testTarget(
            name: "PortfolioTests",
            dependencies: [
                "PortfolioSupport", "PortfolioContent", "PortfolioMarkdown", "PortfolioMetrics", "PortfolioCharts",
                "PortfolioImages", "PortfolioValidation", "PortfolioSite", "PortfolioRender", "PortfolioOutput",
                "PortfolioBuild", "PortfolioScaffold", "PortfolioServer", "PortfolioTemplates", "CVipsAPICheck",
                // The reference the project's own engine is compared with; never linked into the binary.
                .product(name: "Mustache", package: "swift-mustache"),
            ],
            linkerSettings: allocator
        ),
    ],
    swiftLanguageModes: [.v6]
)
