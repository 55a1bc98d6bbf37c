import Foundation
import PortfolioTemplates
import Testing

/// One case of the Mustache specification's test suite, as its JSON files write it.
struct MustacheSpecCase: Decodable, CustomTestStringConvertible, Sendable {
    var name: String
    var desc: String
    var data: SpecData
    var template: String
    var partials: [String: String]?
    var expected: String
    var module = ""

    enum CodingKeys: String, CodingKey { case name, desc, data, template, partials, expected }

    var testDescription: String { "\(module): \(name)" }

    /// Every case of the seven modules the engine implements.
    static let all: [MustacheSpecCase] = {
        let modules = ["comments", "delimiters", "interpolation", "inverted", "partials", "sections", "~inheritance"]
        return modules.flatMap { module -> [MustacheSpecCase] in
            struct File: Decodable { var tests: [MustacheSpecCase] }
            let data = FileManager.default.contents(atPath: Fixtures.path("mustache-spec/\(module).json"))!
            return try! JSONDecoder().decode(File.self, from: data).tests.map { test in
                var test = test
                test.module = module
                return test
            }
        }
    }()
}

/// JSON data of a spec case, read into the engine's value type.
struct SpecData: Decodable, Sendable {
    var value: TemplateValue

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if container.decodeNil() {
            value = .null
        } else if let flag = try? container.decode(Bool.self) {
            value = .bool(flag)
        } else if let number = try? container.decode(Int.self) {
            value = .int(number)
        } else if let number = try? container.decode(Double.self) {
            value = .double(number)
        } else if let text = try? container.decode(String.self) {
            value = .string(text)
        } else if let list = try? container.decode([SpecData].self) {
            value = .list(list.map(\.value))
        } else {
            value = .map(try container.decode([String: SpecData].self).mapValues(\.value))
        }
    }
}

@Test func theSpecificationSuiteHasEveryCaseOfTheSevenModules() {
    #expect(MustacheSpecCase.all.count == 163)
}

@Test(arguments: MustacheSpecCase.all)
func templateEngineRendersSpecificationCase(_ test: MustacheSpecCase) {
    var sources = [(name: "(test)", text: test.template)]
    for (name, text) in (test.partials ?? [:]).sorted(by: { $0.key < $1.key }) { sources.append((name, text)) }
    var problems: [TemplateProblem] = []
    let library = TemplateLibrary(sources, problems: &problems)
    #expect(problems.filter { $0.code == "template.syntax" }.isEmpty, "\(test.desc)")
    #expect(library.render("(test)", test.data.value) == test.expected, "\(test.desc)")
}
