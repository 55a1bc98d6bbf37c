import Foundation
import Testing

@Test(arguments: [
    "", " ", "\t", "plain", "  both  ", "\u{00A0}no-break\u{3000}", " \u{301}combining after a space", "x \u{301}",
    "\n line break stays \n", "é", " é ", "\u{2003}em\u{2009}thin\u{2009}", "😀 ", "a\tb",
])
func trimmingSpacesMatchesFoundation(_ text: String) {
    #expect(String(text.trimmingSpaces) == text.trimmingCharacters(in: .whitespaces))
}
