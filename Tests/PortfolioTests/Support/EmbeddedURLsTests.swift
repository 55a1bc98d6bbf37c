@testable import PortfolioSupport
import Testing

@Test func imageURLsOfHTMLAttributesAndStylesAreFoundWithTheirOffsets() {
    let html = #"<img alt="x" src="a.png"><img SRCSET="b.png 1x, c.png 2x" data-src="no.png"><video poster=d.jpg></video><div style="background: url('e.webp')">"#
    let found = EmbeddedURLs.inHTML(html)
    #expect(found.map(\.url) == ["a.png", "b.png", "c.png", "d.jpg", "e.webp"])
    let bytes = Array(html.utf8)
    for item in found {
        #expect(String(decoding: bytes[item.offset..<(item.offset + item.url.utf8.count)], as: UTF8.self) == item.url)
    }
}

@Test func cssURLsAreFoundQuotedOrNot() {
    let css = "body { background: url(big.jpg) }\n.a { background-image: URL( \"x y.png\" ) }\n.b { mask: url('m.svg') }"
    #expect(EmbeddedURLs.inCSS(css).map(\.url) == ["big.jpg", "x y.png", "m.svg"])
}

@Test func placeOfAnOffsetCountsLinesAndUnicodeScalars() {
    let bytes = Array("ab\nçé url(x)".utf8)
    let offset = bytes.firstIndex(of: UInt8(ascii: "u"))!
    let location = SourceLocation(file: "f.css", offset: offset, in: bytes)
    #expect((location.line, location.column) == (2, 4))
}
