@testable import PortfolioSupport
import Testing

@Test func diagnosticsPrintLikeACompilerWithTheLineAndACaret() {
    let site = Fixtures.site(["content/p.md": "---\ntitle: A\npublish_date: '2024-13-03'\n---\n"])
    defer { Fixtures.remove(site) }
    let diagnostic = Diagnostic(
        severity: .error, code: "front-matter.date", file: "content/p.md", line: 3, column: 15,
        message: "publish_date is not a date: '2024-13-03'", hint: "write dates as YYYY-MM-DD")
    let text = DiagnosticPrinter(siteDirectory: site, useColor: false).format([diagnostic])
    #expect(text == """
        content/p.md:3:15: error: publish_date is not a date: '2024-13-03' [front-matter.date]
         3 | publish_date: '2024-13-03'
           |               ^
          hint: write dates as YYYY-MM-DD

        """)
}

@Test func jsonFormatHasTheDocumentedFieldsOnly() {
    let diagnostic = Diagnostic(severity: .warning, code: "x.y", file: "f.md", line: 1, column: 2, message: "m")
    #expect(DiagnosticPrinter.json([diagnostic]) == #"[{"code":"x.y","column":2,"file":"f.md","line":1,"message":"m","severity":"warning"}]"#)
}

@Test func siteWithoutContentFolderIsAnError() {
    let site = Fixtures.site(["portfolio.yaml": "title: S\n"])
    defer { Fixtures.remove(site) }
    #expect(Fixtures.build(site: site, output: nil).diagnostics.first("content.missing")?.severity == .error)
}
