@testable import PortfolioRender
import PortfolioTemplates
import Testing

@Test func contextFingerprintIgnoresInsertionOrder() {
    var first: [String: TemplateValue] = ["title": .string("A")]
    first["tags"] = .list([.map(["name": .string("rlhf")])])
    var second: [String: TemplateValue] = ["tags": .list([.map(["name": .string("rlhf")])])]
    second["title"] = .string("A")
    #expect(ContextFingerprint.of(.map(first)) == ContextFingerprint.of(.map(second)))
}

@Test func contextFingerprintSeesNestedChangesAndKinds() {
    func context(change: String = "+3 pts", improved: Bool = true, count: TemplateValue? = .int(1), asList: Bool = false) -> TemplateValue {
        let headline = TemplateValue.map(["change": .string(change), "improved": .bool(improved)])
        var context: [String: TemplateValue] = ["metrics": asList ? .list([headline]) : .map(["headline": headline])]
        context["count"] = count
        return .map(context)
    }
    let fingerprints = [
        context(), context(change: "+4 pts"), context(improved: false), context(count: .string("1")), context(count: .double(1.5)),
        context(asList: true), context(count: nil),
    ].map(ContextFingerprint.of)
    #expect(Set(fingerprints).count == fingerprints.count)
}

/// A view is fingerprinted by its fields' values: two cards that differ in one field differ.
@Test func viewFingerprintSeesEveryField() {
    let first = TitledLinkView(title: "A", url: "/a/"), second = TitledLinkView(title: "A", url: "/b/")
    #expect(ContextFingerprint.of(.object(first)) == ContextFingerprint.of(.object(TitledLinkView(title: "A", url: "/a/"))))
    #expect(ContextFingerprint.of(.object(first)) != ContextFingerprint.of(.object(second)))
}
