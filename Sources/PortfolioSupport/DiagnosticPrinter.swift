import Foundation

/// Prints diagnostics like a compiler: `file:line:column: error: message`, the source line with a
/// caret under the column, and the hint. Colour only on a terminal and never with `NO_COLOR` set.
public struct DiagnosticPrinter {
    public let siteDirectory: String
    public var useColor: Bool

    public init(siteDirectory: String, useColor: Bool? = nil) {
        self.siteDirectory = siteDirectory
        // no-color.org: NO_COLOR set to any non-empty value turns colour off.
        let noColor = !(ProcessInfo.processInfo.environment["NO_COLOR"] ?? "").isEmpty
        self.useColor = useColor ?? (isatty(STDERR_FILENO) == 1 && !noColor)
    }

    public func print(_ diagnostics: [Diagnostic]) {
        guard !diagnostics.isEmpty else { return }
        FileHandle.standardError.write(Data(format(diagnostics).utf8))
    }

    public func format(_ diagnostics: [Diagnostic]) -> String {
        var sources: [String: [Substring]] = [:]
        var out = ""
        for diagnostic in diagnostics {
            let place = diagnostic.line > 0
                ? "\(diagnostic.file):\(diagnostic.line):\(max(diagnostic.column, 1))" : diagnostic.file
            let severity = diagnostic.severity == .error ? paint("error", "31;1") : paint("warning", "33;1")
            out += paint(place, "1") + ": " + severity + ": " + diagnostic.message + " [" + diagnostic.code + "]\n"
            if diagnostic.line > 0 {
                let lines = sources[diagnostic.file] ?? sourceLines(diagnostic.file)
                sources[diagnostic.file] = lines
                if diagnostic.line <= lines.count {
                    let text = lines[diagnostic.line - 1]
                    let number = String(diagnostic.line)
                    out += " " + number + " | " + text + "\n"
                    if diagnostic.column > 0 {
                        let lead = text.unicodeScalars.prefix(diagnostic.column - 1).map { $0 == "\t" ? "\t" : " " }.joined()
                        out += " " + String(repeating: " ", count: number.count) + " | " + lead + paint("^", "32;1") + "\n"
                    }
                }
            }
            if let hint = diagnostic.hint { out += "  " + paint("hint", "36;1") + ": " + hint + "\n" }
        }
        return out
    }

    /// The diagnostics as a JSON array of `{file, line, column, severity, code, message, hint}`.
    public static func json(_ diagnostics: [Diagnostic]) -> String {
        JSONText.encode(diagnostics.map { diagnostic -> [String: Any] in
            var object: [String: Any] = [
                "file": diagnostic.file, "line": diagnostic.line, "column": diagnostic.column,
                "severity": diagnostic.severity.rawValue, "code": diagnostic.code, "message": diagnostic.message,
            ]
            object["hint"] = diagnostic.hint
            return object
        })
    }

    private func sourceLines(_ file: String) -> [Substring] {
        guard let bytes = try? FileReader.bytes(atPath: siteDirectory + "/" + file), bytes.count < 4_000_000 else { return [] }
        let text = String(decoding: bytes, as: UTF8.self)
        return text.split(separator: "\n", omittingEmptySubsequences: false).map { $0.hasSuffix("\r") ? $0.dropLast() : $0 }
    }

    private func paint(_ text: String, _ code: String) -> String {
        useColor ? "\u{1B}[" + code + "m" + text + "\u{1B}[0m" : text
    }
}
