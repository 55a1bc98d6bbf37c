import Foundation
@testable import PortfolioMarkdown
import Testing

/// Reads the code colours of the default stylesheet, in the light `:root` block and the dark one.
enum CodePalette {
    static let css: String = try! String(
        contentsOfFile: Fixtures.repositoryRoot + "/templates/assets/style.css", encoding: .utf8)

    /// `--name: #rrggbb` declarations of one block of custom properties.
    static func colours(inBlockAfter marker: String) -> [String: String] {
        guard let start = css.range(of: marker) else { return [:] }
        let block = css[start.upperBound...].prefix { $0 != "}" }
        var colours: [String: String] = [:]
        for declaration in block.split(separator: ";") {
            let parts = declaration.split(separator: ":", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespacesAndNewlines) }
            guard parts.count == 2, parts[0].hasPrefix("--"), parts[1].hasPrefix("#"), parts[1].count == 7 else { continue }
            colours[String(parts[0].dropFirst(2))] = parts[1]
        }
        return colours
    }

    static func luminance(_ hex: String) -> Double {
        let value = Int(hex.dropFirst(), radix: 16)!
        let channels = [value >> 16, value >> 8 & 0xFF, value & 0xFF].map { Double($0) / 255 }
        let linear = channels.map { $0 <= 0.03928 ? $0 / 12.92 : pow(($0 + 0.055) / 1.055, 2.4) }
        return 0.2126 * linear[0] + 0.7152 * linear[1] + 0.0722 * linear[2]
    }

    static func contrast(_ a: String, _ b: String) -> Double {
        let (x, y) = (luminance(a), luminance(b))
        return (max(x, y) + 0.05) / (min(x, y) + 0.05)
    }
}

@Suite struct CodeColourContrastTests {
    @Test(arguments: [":root {", "@media (prefers-color-scheme: dark) {\n  :root {"])
    func everyTokenColourPassesWCAGAAOnTheCodeBackground(block: String) {
        let colours = CodePalette.colours(inBlockAfter: block)
        let background = try! #require(colours["code-bg"])
        for kind in TokenKind.allCases where kind != .plain {
            let colour = try! #require(colours["tok-\(kind.name)"], "no --tok-\(kind.name)")
            let ratio = CodePalette.contrast(colour, background)
            #expect(ratio >= 4.5, "tok-\(kind.name) \(colour) on \(background): \(ratio)")
        }
        #expect(CodePalette.contrast(try! #require(colours["code-text"]), background) >= 4.5)
    }

    @Test func everyTokenKindHasARule() {
        for kind in TokenKind.allCases where kind != .plain {
            #expect(CodePalette.css.contains(".tok-\(kind.name) { color: var(--tok-\(kind.name)); }"))
        }
    }
}
