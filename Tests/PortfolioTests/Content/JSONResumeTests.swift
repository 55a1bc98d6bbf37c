@testable import PortfolioContent
@testable import PortfolioSupport
import Testing

private func resume(_ json: String) -> (JSONResume?, Diagnostics) {
    var diagnostics = Diagnostics()
    let resume = JSONResume.decode(json, file: "resume.json", diagnostics: &diagnostics)
    return (resume, diagnostics)
}

@Test func resumeFixtureIsRead() throws {
    let (read, diagnostics) = resume(try Fixtures.text("sites/trainer/resume.json"))
    #expect(diagnostics.isEmpty, "\(diagnostics.sorted)")
    let root = try #require(read).root
    #expect(root[object: "basics"]?[text: "name"] == "Ada Okafor")
    #expect(root[objects: "work"].first?[date: "startDate"] == PartialDate(year: 2023, month: 4))
    #expect(root[objects: "work"].first?[texts: "highlights"] == ["Ranked 20,000 pairs"])
    #expect(root[objects: "awards"].first?[date: "date"] == PartialDate(year: 2025, month: 11, day: 3))
    #expect(root[objects: "education"].first?[date: "endDate"] == PartialDate(year: 2022))
}

@Test func resumeWithTabsAndNoSpacesIsRead() {
    let (read, diagnostics) = resume("{\n\t\"basics\":{\"name\":\"A\\u00e9\",\"label\":\"x\\/y\"},\n\t\"skills\":[{\"name\":\"QA\",\"keywords\":[\"a\",\"b\"]}]\n}\n")
    #expect(diagnostics.isEmpty, "\(diagnostics.sorted)")
    #expect(read?.basics[text: "name"] == "Aé" && read?.basics[text: "label"] == "x/y")
    #expect(read?.root[objects: "skills"].first?[texts: "keywords"] == ["a", "b"])
}

@Test func wrongTypeInResumeIsAnErrorAtItsLineAndColumn() {
    let (_, diagnostics) = resume("{\n  \"basics\": {\n    \"name\": 42\n  }\n}\n")
    let found = diagnostics.first("resume.type")
    #expect(diagnostics.all.count == 1)
    #expect(found?.file == "resume.json" && found?.line == 3 && found?.column == 13)
}

@Test func badDateInResumeIsAnErrorAtItsLineAndColumn() {
    let (_, diagnostics) = resume("{\"work\": [\n  {\"name\": \"X\", \"startDate\": \"2023-13\"}\n]}\n")
    let found = diagnostics.first("resume.date")
    #expect(found?.line == 2 && found?.column == 30)
}

@Test func unknownTopLevelKeyIsAWarningWithTheNearestKey() {
    let (_, diagnostics) = resume("{\"skils\": [], \"basics\": {\"name\": \"A\"}}")
    let found = diagnostics.first("resume.unknown-key")
    #expect(found?.severity == .warning && found?.column == 2)
    #expect(found?.message.contains("did you mean 'skills'") == true)
}

@Test func brokenJSONIsASyntaxErrorWithAPlace() {
    let (read, diagnostics) = resume("{\"basics\": {\"name\": \"A\"\n")
    #expect(read == nil)
    #expect(diagnostics.first("yaml.syntax")?.line ?? 0 >= 1)
}

@Test func resumeThatIsNotAnObjectIsAnError() {
    let (_, diagnostics) = resume("[1, 2]")
    #expect(diagnostics.first("resume.type")?.line == 1)
}
