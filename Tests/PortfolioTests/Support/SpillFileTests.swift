import Foundation
@testable import PortfolioSupport
import Testing

@Test func spilledTextsReadBackAsWrittenInAnyOrderFromManyThreads() throws {
    let spill = try #require(SpillFile(directory: SpillFile.temporaryDirectory))
    let texts = (0..<200).map { index in String(repeating: "é\(index) ", count: index) }
    let spilled = parallelMap(texts) { spill.write($0) }
    for (text, place) in zip(texts, spilled).reversed() {
        #expect(try #require(place).read() == text)
    }
}

@Test func spillFileLeavesNoFileBehindAndIsNilWhereNoneCanBeMade() throws {
    let folder = FileManager.default.temporaryDirectory.appendingPathComponent("spill-\(UUID().uuidString)").path
    try FileManager.default.createDirectory(atPath: folder, withIntermediateDirectories: true)
    defer { try? FileManager.default.removeItem(atPath: folder) }
    let spill = try #require(SpillFile(directory: folder))
    #expect(spill.write("body")?.read() == "body")
    #expect(try FileManager.default.contentsOfDirectory(atPath: folder).isEmpty)
    #expect(SpillFile(directory: folder + "/missing") == nil)
}
