@testable import PortfolioContent
import Testing

@Test func basePathIsWhatFollowsTheHost() {
    func basePath(_ url: String) -> String {
        var config = SiteConfig()
        config.baseURL = url
        return config.basePath
    }
    #expect(basePath("https://me.example/") == "/")
    #expect(basePath("https://me.example/portfolio/") == "/portfolio/")
    #expect(basePath("https://me.example") == "/")
    #expect(basePath("http://localhost:1313/a/b/") == "/a/b/")
    #expect(basePath("/portfolio/") == "/portfolio/")
    #expect(basePath("https://ünï.example/日本/") == "/日本/")
}
