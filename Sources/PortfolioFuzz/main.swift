import Foundation
import PortfolioContent
import PortfolioMarkdown
import PortfolioMetrics
import PortfolioSupport
import PortfolioTemplates
import PortfolioValidation

// libFuzzer entry point for the parsers that read user files. The first byte picks the parser, the rest
// is the file: 0 front matter splitter + decoder, 1 canonical metric file (YAML/JSON, read from events
// and through a tree alike), 2 CSV metric file, 3 Markdown body (libcmark plus the GitHub extensions:
// tables, footnotes, autolinks...), 5 Markdown with math (`$` extraction), 6 a highlighted code block
// (its first line is the fence's info string, the rest the code), 9 a sample-task block (first line the
// info string, `preference` or `rubric`, the rest its YAML), also run through the confidential scan, 7 a
// template (compiled and rendered), 8 resume.json, 4 Markdown with raw HTML allowed, whose image URLs
// (and the text's as CSS) are found in place. The selector counts modulo 10.
// scripts/fuzz builds this with -sanitize=fuzzer,address -DFUZZING, and main hands over
// to libFuzzer's driver (SwiftPM names the entry point itself, so libFuzzer's own main cannot be used).
// Built without FUZZING, it replays the files named on the command line once each, e.g. crash inputs.

/// Every diagnostic must be located in the input it came from.
private func checkLocated(_ diagnostics: Diagnostics, lines: Int, file: String) {
    for diagnostic in diagnostics.all {
        precondition(diagnostic.file == file, "diagnostic for another file: \(diagnostic)")
        precondition(diagnostic.line >= 0 && diagnostic.line <= lines, "line past the end (\(lines) lines): \(diagnostic)")
        precondition(diagnostic.column >= 0, "negative column: \(diagnostic)")
    }
}

/// A metric file read from libyaml's events gives what reading it through a tree gives.
private func checkEventsReadAsTheTree(_ text: String, file: String) {
    var fromEvents = Diagnostics()
    var fromTree = Diagnostics()
    let events = CanonicalImporter().read(text, file: file, diagnostics: &fromEvents)
    let tree = CanonicalImporter().readThroughTree(text, file: file, diagnostics: &fromTree)
    guard case .series(let eventsSet) = events, case .series(let treeSet) = tree else { preconditionFailure("not a series") }
    precondition(eventsSet == treeSet, "events and tree read different metrics")
    precondition(fromEvents.all == fromTree.all, "events and tree give different diagnostics: \(fromEvents.all) \(fromTree.all)")
}

/// Images named by raw HTML are placed inside the page, and every URL found in CSS is where it says.
private func checkEmbeddedImages(_ text: String, lines: Int) {
    let rendered = MarkdownRenderer.render(text, options: MarkdownOptions(allowUnsafeHTML: true)) { url, _ in url }
    for image in rendered.embeddedImages {
        precondition(image.line >= 1 && image.line <= lines && image.column >= 1, "misplaced raw HTML image: \(image)")
    }
    let bytes = Array(text.utf8)
    for found in EmbeddedURLs.inCSS(text) + EmbeddedURLs.inHTML(text) {
        let end = found.offset + found.url.utf8.count
        precondition(end <= bytes.count && Array(bytes[found.offset..<end]) == Array(found.url.utf8), "URL not where it was found: \(found)")
    }
}

/// Math comes out of the text without moving what follows it: every link stays inside the text.
private func checkMath(_ text: String, lines: Int) {
    let rendered = MarkdownRenderer.render(text, options: MarkdownOptions(math: true))
    for reference in rendered.references {
        precondition(reference.line >= 1 && reference.line <= lines, "link line past the end: \(reference)")
        precondition(reference.column >= 1, "link column before the line: \(reference)")
    }
}

/// Highlighting only wraps the code: without its tags and entities the HTML is the code again.
private func checkHighlighting(_ text: String) {
    let newline = text.firstIndex(of: "\n") ?? text.endIndex
    let info = String(text[..<newline])
    let code = newline < text.endIndex ? String(text[text.index(after: newline)...]) : ""
    guard let html = FencedBlocks.html(info: info, code: code), html.hasPrefix("<pre><code") else { return }
    // Byte by byte, not by Character: a tag may stand between a character and the combining mark
    // after it, and an entity's `;` followed by a combining mark is one Character with it.
    var plain: [UInt8] = []
    var inTag = false
    for byte in html.utf8 {
        if byte == UInt8(ascii: "<") { inTag = true } else if byte == UInt8(ascii: ">") { inTag = false } else if !inTag { plain.append(byte) }
    }
    var unescapedBytes: [UInt8] = []
    var index = 0
    let entities: [(String, UInt8)] = [("&lt;", 0x3C), ("&gt;", 0x3E), ("&quot;", 0x22), ("&#39;", 0x27), ("&amp;", 0x26)]
    while index < plain.count {
        if plain[index] == UInt8(ascii: "&"), let (entity, byte) = entities.first(where: { plain[index...].starts(with: $0.0.utf8) }) {
            unescapedBytes.append(byte)
            index += entity.utf8.count
        } else {
            unescapedBytes.append(plain[index])
            index += 1
        }
    }
    let unescaped = String(decoding: unescapedBytes, as: UTF8.self)
    precondition(unescaped == code + "\n", "highlighting changed the code of \(info)")
}

/// A sample-task block as the Markdown renderer hands it over, then the same text through the
/// confidential scan: every problem must lie within the block's lines.
private func fuzzSampleTask(_ bytes: [UInt8]) {
    var diagnostics = Diagnostics()
    guard let text = SourceText.decode(bytes, file: "content/fuzz.md", diagnostics: &diagnostics) else { return }
    let info = String(text.prefix { $0 != "\n" })
    let yaml = String(text.dropFirst(info.count + 1))
    let lines = text.utf8.count { $0 == 10 } + 1
    let result = SampleTaskBlock.render(
        info: info.isEmpty ? "preference" : info, yaml: yaml, origin: SampleTaskOrigin(firstLine: 2, columnOffset: 2),
        renderMarkdown: { MarkdownRenderer.render($0).html })
    for problem in result.problems {
        precondition(problem.line >= 0 && problem.line <= lines + 1, "line past the end (\(lines) lines): \(problem)")
        precondition(problem.column >= 0, "negative column: \(problem)")
    }
    ConfidentialScanner(terms: ["acme", "Blue Heron", "é"], ownEmails: ["me@nora.dev"])
        .scan(text, origin: .init(file: "content/fuzz.md"), syntax: .yaml, diagnostics: &diagnostics)
    checkLocated(diagnostics, lines: lines, file: "content/fuzz.md")
}

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    let selector = data[0] % 10
    if selector == 7 { return fuzzTemplate(Array(UnsafeBufferPointer(start: data + 1, count: size - 1))) }
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    if selector == 9 {
        fuzzSampleTask(bytes)
        return 0
    }
    var diagnostics = Diagnostics()
    let file = selector == 8 ? "resume.json" : selector == 1 ? "content/metrics.yaml" : selector == 2 ? "content/metrics.csv" : "content/fuzz.md"
    guard let text = SourceText.decode(bytes, file: file, diagnostics: &diagnostics) else {
        checkLocated(diagnostics, lines: bytes.count { $0 == 10 } + 1, file: file)
        return 0
    }
    let lines = text.utf8.count { $0 == 10 } + 1
    switch selector {
    case 0:
        let split = FrontMatterSplitter.split(text, file: file, diagnostics: &diagnostics)
        if let yaml = split.frontMatter {
            _ = FrontMatterDecoder.decode(yaml, file: file, firstLine: split.frontMatterFirstLine, diagnostics: &diagnostics)
        }
    case 1:
        _ = MetricParser.parse(text, file: file, format: .canonical, diagnostics: &diagnostics)
        checkEventsReadAsTheTree(text, file: file)
    case 3:
        let rendered = MarkdownRenderer.render(text) { url, _ in "/base" + url }
        for problem in rendered.problems {
            precondition(problem.file.isEmpty && problem.line >= 1 && problem.line <= lines && problem.column >= 1, "misplaced problem: \(problem)")
        }
        for reference in rendered.references {
            precondition(reference.line >= 1 && reference.line <= lines && reference.column >= 1, "misplaced reference: \(reference)")
        }
    case 4:
        checkEmbeddedImages(text, lines: lines)
    case 5:
        checkMath(text, lines: lines)
    case 6:
        checkHighlighting(text)
    case 8:
        _ = JSONResume.decode(text, file: file, diagnostics: &diagnostics)
    default:
        _ = MetricParser.parse(text, file: file, format: .csv, diagnostics: &diagnostics)
    }
    checkLocated(diagnostics, lines: lines, file: file)
    return 0
}

/// Compiles the input as a template beside a partial and a parent, renders it, and checks that every
/// problem is located inside it.
private func fuzzTemplate(_ bytes: [UInt8]) -> CInt {
    let text = String(decoding: bytes, as: UTF8.self)
    var problems: [TemplateProblem] = []
    let library = TemplateLibrary([("fuzz", text), ("partial", "[{{.}}]\n"), ("parent", "<{{$a}}a{{/a}}|{{$b}}b{{/b}}>")], problems: &problems)
    let lines = text.utf8.count { $0 == 10 } + 1
    for problem in problems {
        precondition(problem.template == "fuzz", "problem in another template: \(problem)")
        precondition(problem.line >= 1 && problem.line <= lines, "line past the end (\(lines) lines): \(problem)")
        precondition(problem.column >= 1, "column before the start: \(problem)")
    }
    let context = TemplateValue.map(["a": .list([.string("x"), .map(["a": .bool(true)])]), "b": .string("<&>")])
    _ = library.render("fuzz", context)
    for problem in library.unknownNames(rendering: [("fuzz", FuzzView.shape)]) {
        precondition(problem.template == "fuzz" && problem.isWarning, "unknown name outside the input: \(problem)")
        precondition(problem.line >= 1 && problem.line <= lines && problem.column >= 1, "unknown name out of place: \(problem)")
    }
    return 0
}

/// The names of `fuzzTemplate`'s context as a view, for the name check.
private struct FuzzView: TemplateView {
    static let fields = TemplateFields<FuzzView>("fuzz", [.open("a") { _ in nil }, .text("b") { _ in nil }])
}

#if FUZZING
@_silgen_name("LLVMFuzzerRunDriver")
func runFuzzerDriver(
    _ argc: UnsafeMutablePointer<CInt>,
    _ argv: UnsafeMutablePointer<UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>?>,
    _ callback: @convention(c) (UnsafePointer<UInt8>?, Int) -> CInt
) -> CInt

var argc = CommandLine.argc
var argv: UnsafeMutablePointer<UnsafeMutablePointer<CChar>?>? = CommandLine.unsafeArgv
exit(runFuzzerDriver(&argc, &argv, { fuzzOneInput($0, $1) }))
#else
for path in CommandLine.arguments.dropFirst() {
    guard let data = FileManager.default.contents(atPath: path) else {
        print("cannot read \(path)")
        exit(1)
    }
    _ = data.withUnsafeBytes { fuzzOneInput($0.bindMemory(to: UInt8.self).baseAddress, data.count) }
    print("ok \(path)")
}
#endif
