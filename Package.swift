// swift-tools-version: 6.0
import PackageDescription

let package = Package(
    name: "portfolio",
    platforms: [.macOS(.v15)],
    products: [
        .executable(name: "portfolio", targets: ["portfolio"]),
        .library(name: "PortfolioCore", targets: ["PortfolioCore"]),
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
        .systemLibrary(
            name: "CVips",
            pkgConfig: "vips",
            providers: [.apt(["libvips-dev"]), .brew(["vips"])]
        ),
        .target(name: "CVipsShim", dependencies: ["CVips"]),
        .target(name: "PortfolioImages", dependencies: ["CVipsShim"]),
        .target(name: "PortfolioTemplates"),
        .target(
            name: "PortfolioCore",
            dependencies: [
                "CCmark",
                "CAtomicSwap",
                "PortfolioImages",
                "PortfolioTemplates",
                .product(name: "Yams", package: "Yams"),
                .product(name: "OrderedCollections", package: "swift-collections"),
                .product(name: "CSV", package: "CSV.swift"),
            ]
        ),
        .target(
            name: "PortfolioServer",
            dependencies: [
                "PortfolioCore",
                .product(name: "FlyingFox", package: "FlyingFox"),
            ]
        ),
        .executableTarget(
            name: "portfolio",
            dependencies: [
                "PortfolioCore",
                "PortfolioServer",
                .product(name: "ArgumentParser", package: "swift-argument-parser"),
            ]
        ),
        .executableTarget(
            name: "portfolio-fuzz",
            dependencies: ["PortfolioCore", "PortfolioTemplates"],
            path: "Sources/PortfolioFuzz"
        ),
        .testTarget(
            name: "PortfolioCoreTests",
            dependencies: [
                "PortfolioCore",
                "PortfolioServer",
                "PortfolioTemplates",
                "PortfolioImages",
                // The reference the project's own engine is compared with; never linked into the binary.
                .product(name: "Mustache", package: "swift-mustache"),
            ]
        ),
    ],
    swiftLanguageModes: [.v6]
)
