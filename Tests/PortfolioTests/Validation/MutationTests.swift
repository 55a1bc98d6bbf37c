import Foundation
import PortfolioImages
@testable import PortfolioImages
import Testing

/// A small deterministic generator (SplitMix64), so a failing mutated site can be rebuilt from its seed.
struct SeededGenerator: RandomNumberGenerator {
    private var state: UInt64
    init(seed: UInt64) { state = seed }

    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}

/// Sites made by mutating good ones: byte flips, lost and doubled lines, truncation, stray YAML,
/// huge numbers and deep nesting, applied to the example site and the shared samples.
enum MutatedSites {
    /// The example site of the repository plus the basic fixture site's projects (the shared samples).
    static let seed: [String: [UInt8]] = {
        var files: [String: [UInt8]] = [:]
        let repository = Fixtures.repositoryRoot
        files["portfolio.yaml"] = Array(FileManager.default.contents(atPath: repository + "/portfolio.yaml") ?? Data())
        for (path, data) in Fixtures.tree(repository + "/content") { files["content/" + path] = Array(data) }
        // The basic fixture site's projects hold the shared content samples and metric files.
        for (path, data) in Fixtures.tree(Fixtures.path("sites/basic/content/projects")) { files["content/projects/" + path] = Array(data) }
        // Small images and no social cards: each mutated site is built from scratch, and drawing
        // full-size copies and cards a hundred times would cost minutes without finding more.
        files["portfolio.yaml"]! += Array("\nsocial_cards: false\n".utf8)
        for (path, bytes) in files where ImageFiles.isRaster(path) {
            let format = ImageFormat.forExtension(of: path) ?? .png
            files[path] = (try? ImageCodec.resized(bytes, width: 48, format: format, keepMetadata: false).get()) ?? bytes
        }
        return files
    }()

    static let fragments: [String] = [
        "tags: 5", "title: [", "title: {a: b", "date: 2024-13-03", "publish_date: 0000-00-00", "read_time: forever",
        "weight: 1e300", "weight: -9223372036854775809", "hours: 1e400", "hours: .nan", "weight: .inf",
        "slug: ../../../etc", "slug: \"\\0\"", "slug: /abs", "heroImage: ../../../../x.png", "metrics: ../../../x.yaml",
        "metrics: [{path: nope.csv, format: csv}]", "metrics: {metrics: [{name: x, points: [{step: 1e308, value: -1e308}, {step: -1e308, value: 1e308}]}]}",
        "a: &a [x, x, x, x, x, x, x, x]\nb: &b [*a, *a, *a, *a, *a, *a, *a, *a]\nc: &c [*b, *b, *b, *b, *b, *b, *b, *b]\nd: [*c, *c, *c, *c, *c, *c, *c, *c, *c]",
        "x: *undefined", "---", "...", "+++", "\t- tab", "\u{00A0} nbsp: 1", "? complex\n: key", "!!binary aGVsbG8=", "<<: {title: merged}",
        "      - { step: 99999999999999999999999, value: 1.7976931348623157e308, stderr: -1 }",
        "      - { step: .nan, value: -.inf }", "    better: sideways", "    unit: percent", "    unit: fraction", "    target: 1e400",
        "metric,step,value\nx,1,1e999\nx,1,nan", "step,a,b\n1,,\n0,1,2,3,4", "\"unterminated", "'also", "[{]}",
        "![](/nope.png)", "[broken](/projects/none/)", "[up](../../../../../)", "<script>alert(1)</script>", "{{> nothing}}",
        "It\u{00E2}\u{20AC}\u{2122}s", "\u{FEFF}", "\r", "\u{0}", "\u{FFFF}", "# " + String(repeating: "#", count: 300),
    ]

    static func deepNesting(_ random: inout SeededGenerator) -> String {
        let depth = Int.random(in: 200...2000, using: &random)
        switch Int.random(in: 0..<5, using: &random) {
        case 0: return String(repeating: "> ", count: depth) + "deep quote"
        case 1: return String(repeating: "- ", count: depth) + "deep list"
        case 2: return "deep: " + String(repeating: "[", count: depth) + String(repeating: "]", count: depth)
        case 3: return String(repeating: "*", count: depth) + "x" + String(repeating: "*", count: depth)
        default: return "deep: " + String(repeating: "{a: ", count: depth) + "1" + String(repeating: "}", count: depth)
        }
    }

    static func hugeNumber(_ random: inout SeededGenerator) -> String {
        ["1" + String(repeating: "0", count: Int.random(in: 20...400, using: &random)), "1e308", "-1e308", "1e-400", "1.7976931348623157e308",
         "9223372036854775807", "-9223372036854775808", "18446744073709551616", ".inf", "-.inf", ".nan"].randomElement(using: &random)!
    }

    /// One mutation of one file's bytes.
    static func mutate(_ bytes: [UInt8], _ random: inout SeededGenerator) -> [UInt8] {
        var bytes = bytes
        var lines = bytes.split(separator: 10, omittingEmptySubsequences: false).map(Array.init)
        let line = lines.isEmpty ? 0 : Int.random(in: 0..<lines.count, using: &random)
        switch Int.random(in: 0..<9, using: &random) {
        case 0:
            for _ in 0..<Int.random(in: 1...8, using: &random) where !bytes.isEmpty {
                bytes[Int.random(in: 0..<bytes.count, using: &random)] ^= UInt8(1) << UInt8.random(in: 0...7, using: &random)
            }
            return bytes
        case 1: if !lines.isEmpty { lines.remove(at: line) }
        case 2: if !lines.isEmpty { lines.insert(lines[line], at: line) }
        case 3: return Array(bytes.prefix(bytes.isEmpty ? 0 : Int.random(in: 0..<bytes.count, using: &random)))
        case 4, 5: lines.insert(Array(fragments.randomElement(using: &random)!.utf8), at: min(line + 1, lines.count))
        case 6: lines.insert(Array(deepNesting(&random).utf8), at: min(line + 1, lines.count))
        case 7:
            // Replace the first number on the line with a huge one.
            if !lines.isEmpty, let start = lines[line].firstIndex(where: { (48...57).contains($0) }) {
                let end = lines[line][start...].firstIndex(where: { !(48...57).contains($0) && $0 != 46 }) ?? lines[line].endIndex
                lines[line].replaceSubrange(start..<end, with: Array(hugeNumber(&random).utf8))
            }
        default:
            if !lines.isEmpty { lines.swapAt(line, Int.random(in: 0..<lines.count, using: &random)) }
        }
        return Array(lines.joined(separator: [10]))
    }

    /// A mutated copy of the seed site: one to three files changed, one to three mutations each.
    static func site(seed: UInt64) -> [String: [UInt8]] {
        var random = SeededGenerator(seed: seed)
        var files = self.seed
        let paths = files.keys.sorted()
        for _ in 0..<Int.random(in: 1...3, using: &random) {
            let path = paths.filter { !$0.hasSuffix(".svg") || Bool.random(using: &random) }.randomElement(using: &random)!
            for _ in 0..<Int.random(in: 1...3, using: &random) { files[path] = mutate(files[path]!, &random) }
        }
        return files
    }

    static func write(_ files: [String: [UInt8]], to directory: String) {
        for (relative, bytes) in files {
            let path = directory + "/" + relative
            try! FileManager.default.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
            _ = FileManager.default.createFile(atPath: path, contents: Data(bytes))
        }
    }

    /// Lines of a file as the diagnostics count them (after `\r\n` and `\r` become `\n`).
    static func lineCount(_ bytes: [UInt8]) -> Int {
        var count = 1
        for (index, byte) in bytes.enumerated() where byte == 10 || (byte == 13 && (index + 1 == bytes.count || bytes[index + 1] != 10)) {
            count += 1
        }
        return count
    }
}

/// How many mutated sites each parallel batch builds: 6 x 16 = 96 per run keeps the suite near 30 s in
/// debug on two cores; set PORTFOLIO_MUTATIONS (sites per batch) for a longer hunt.
private let sitesPerBatch = ProcessInfo.processInfo.environment["PORTFOLIO_MUTATIONS"].flatMap(Int.init) ?? 16

@Test(.tags(.slow), .skippedInFastRun, arguments: 0..<6)
func mutatedSitesNeverCrashAndLoseNothing(batch: Int) throws {
    let scratch = Fixtures.scratchDirectory()
    defer { Fixtures.remove(scratch) }
    // The last good output, which every failing build must leave as it was.
    let good = scratch + "/good"
    MutatedSites.write(MutatedSites.seed, to: good)
    let first = Fixtures.build(site: good, output: good + "/output")
    try #require(first.published, "the seed site must build: \(first.diagnostics.sorted)")
    let goodTree = Fixtures.tree(good + "/output")

    for index in 0..<sitesPerBatch {
        let seed = UInt64(batch * 1000 + index) &* 0x2545_F491_4F6C_DD1D
        let files = MutatedSites.site(seed: seed)
        let site = scratch + "/site-\(index)"
        MutatedSites.write(files, to: site)
        try FileManager.default.copyItem(atPath: good + "/output", toPath: site + "/output")

        let checked = Fixtures.build(site: site, output: nil)
        for diagnostic in checked.diagnostics.all {
            #expect(!diagnostic.file.isEmpty, "seed \(seed): \(diagnostic) has no file")
            #expect(diagnostic.line >= 0 && diagnostic.column >= 0, "seed \(seed): \(diagnostic)")
            guard diagnostic.line > 0, !diagnostic.file.hasPrefix("(default theme)") else { continue }
            guard let bytes = files[diagnostic.file] else {
                Issue.record("seed \(seed): \(diagnostic.code) names \(diagnostic.file), which is not a file of the site")
                continue
            }
            #expect(diagnostic.line <= MutatedSites.lineCount(bytes), "seed \(seed): line \(diagnostic.line) is past the end of \(diagnostic.file): \(diagnostic)")
        }

        let built = Fixtures.build(site: site, output: site + "/output")
        let checkErrors = checked.diagnostics.sorted.filter { $0.severity == .error }
        let buildErrors = built.diagnostics.sorted.filter { $0.severity == .error && $0.code != "output.write" }
        #expect(checkErrors == buildErrors, "seed \(seed): check and build disagree")
        #expect(built.published == !checked.diagnostics.hasErrors, "seed \(seed)")
        if !built.published {
            #expect(Fixtures.tree(site + "/output") == goodTree, "seed \(seed): a failed build changed output/")
        }
        Fixtures.remove(site)
    }
}
