import Foundation
import PortfolioCore
import PortfolioTemplates

// libFuzzer entry point for the parsers that read user files. The first byte picks the parser, the
// rest is the file: 0 front matter splitter + decoder, 1 canonical metric file (YAML/JSON), 2 CSV
// metric file; a first byte of exactly 7 picks the template compiler (the file is compiled and rendered). scripts/fuzz builds this with -sanitize=fuzzer,address -DFUZZING, and main hands over
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

@_cdecl("LLVMFuzzerTestOneInput")
public func fuzzOneInput(_ data: UnsafePointer<UInt8>?, _ size: Int) -> CInt {
    guard let data, size > 0 else { return 0 }
    if data[0] == 7 { return fuzzTemplate(Array(UnsafeBufferPointer(start: data + 1, count: size - 1))) }
    let selector = data[0] % 3
    let bytes = Array(UnsafeBufferPointer(start: data + 1, count: size - 1))
    var diagnostics = Diagnostics()
    let file = selector == 0 ? "content/fuzz.md" : selector == 1 ? "content/metrics.yaml" : "content/metrics.csv"
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
    return 0
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
