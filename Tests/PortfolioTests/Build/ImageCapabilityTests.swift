@testable import PortfolioBuild
@testable import PortfolioContent
import PortfolioSupport
import Testing

private func tree(_ paths: [String]) -> ContentTree {
    ContentTree(markdown: [], files: paths.map { SourceFile(contentPath: $0, sitePath: "content/" + $0, absolutePath: "/site/content/" + $0) })
}

/// Only a site that may show photos asks libvips whether it writes AVIF (which loads every libvips
/// format module, a few tens of milliseconds a build): data files and SVGs are not photos, a file
/// without an extension may be one.
@Test func onlyAPossiblePhotoMakesTheBuildAskLibvipsAboutAVIF() {
    #expect(!SiteBuild.mayShowPhotos(tree(["projects/a/metrics.yaml", "projects/a/run.csv", "projects/v1.2/diagram.svg", "cv.pdf"])))
    #expect(SiteBuild.mayShowPhotos(tree(["projects/a/metrics.yaml", "projects/a/hero.JPG"])))
    #expect(SiteBuild.mayShowPhotos(tree(["projects/v1.2/scan"])))
    #expect(SiteBuild.mayShowPhotos(tree(["photos/screen.webp"])))
}
