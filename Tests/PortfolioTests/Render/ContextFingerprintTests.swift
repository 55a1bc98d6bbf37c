@testable import PortfolioRender
import Testing

@Test func contextFingerprintIgnoresInsertionOrder() {
    var first: [String: Any] = ["title": "A"]
    first["tags"] = [["name": "rlhf"]]
    var second: [String: Any] = ["tags": [["name": "rlhf"]]]
    second["title"] = "A"
    #expect(ContextFingerprint.of(first) == ContextFingerprint.of(second))
}

@Test func contextFingerprintSeesNestedChangesAndKinds() {
    let base: [String: Any] = ["metrics": ["headline": ["change": "+3 pts", "improved": true]], "count": 1]
    let fingerprints = [
        base,
        ["metrics": ["headline": ["change": "+4 pts", "improved": true]], "count": 1],
        ["metrics": ["headline": ["change": "+3 pts", "improved": false]], "count": 1],
        ["metrics": ["headline": ["change": "+3 pts", "improved": true]], "count": "1"],
        ["metrics": ["headline": ["change": "+3 pts", "improved": true]], "count": 1.5],
        ["metrics": [["change": "+3 pts", "improved": true]], "count": 1],
        ["metrics": ["headline": ["change": "+3 pts", "improved": true]]],
    ].map(ContextFingerprint.of)
    #expect(Set(fingerprints).count == fingerprints.count)
}
