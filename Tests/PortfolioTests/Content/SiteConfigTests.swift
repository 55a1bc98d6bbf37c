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

@Test func onlyABaseURLWithASchemeIsAbsolute() {
    func isAbsolute(_ url: String) -> Bool {
        var config = SiteConfig()
        config.baseURL = url
        return config.hasAbsoluteBaseURL
    }
    #expect(isAbsolute("https://me.example/"))
    #expect(isAbsolute("http://localhost:1313/a/"))
    #expect(!isAbsolute("/portfolio/"))
    #expect(!isAbsolute("/"))
}
