@testable import PortfolioSupport
import Testing

@Test func jsonInsideScriptCannotCloseTheElement() {
    let json = JSONText.encode(["headline": "</script><script>alert(1)</script> & \"quotes\""])
    #expect(!json.contains("<"))
    #expect(!json.contains("&"))
    #expect(json == #"{"headline":"\u003c/script\u003e\u003cscript\u003ealert(1)\u003c/script\u003e \u0026 \"quotes\""}"#)
}

@Test func jsonKeysAreSortedForStableOutput() {
    #expect(JSONText.encode(["b": 1, "a": [true, "x"], "c": 2.5]) == #"{"a":[true,"x"],"b":1,"c":2.5}"#)
}

@Test func jsonEscapesControlCharactersAndJavaScriptLineSeparators() {
    #expect(JSONText.encode(["a": "tab\tnew\nline\u{1}back\\slash"]) == #"{"a":"tab\tnew\nline\u0001back\\slash"}"#)
    #expect(JSONText.encode(["a": "x\u{2028}y\u{2029}z — é"]) == #"{"a":"x\u2028y\u2029z — é"}"#)
}
