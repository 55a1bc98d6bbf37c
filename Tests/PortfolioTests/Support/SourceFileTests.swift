@testable import PortfolioSupport
import Testing

@Test func changingOnePathOfACopyLeavesTheOriginalAndTheOtherPaths() {
    let original = SourceFile(contentPath: "a.md", sitePath: "content/a.md", absolutePath: "/site/content/a.md", size: 3, modified: 7)
    var copy = original
    copy.contentPath = "b.md"
    #expect(original.contentPath == "a.md")
    #expect(copy.contentPath == "b.md")
    #expect(copy.sitePath == "content/a.md")
    #expect(copy.absolutePath == "/site/content/a.md")
    #expect(copy != original)
    copy.contentPath = "a.md"
    #expect(copy == original)
    #expect(copy.hashValue == original.hashValue)
}

@Test func filesDifferingInAnyPathOrStampAreDifferent() {
    let base = SourceFile(contentPath: "a.md", sitePath: "content/a.md", absolutePath: "/s/content/a.md", size: 1, modified: 2)
    var paths = [base, base, base, base, base]
    paths[1].sitePath = "content/b.md"
    paths[2].absolutePath = "/t/content/a.md"
    paths[3].size = 9
    paths[4].modified = 9
    #expect(Set(paths).count == 5)
}
