/// A problem in the user's site, located precisely enough to jump to it from an editor.
public struct Diagnostic: Hashable, Sendable, Codable {
    public enum Severity: String, Codable, Sendable, Comparable {
        case error, warning

        public static func < (lhs: Severity, rhs: Severity) -> Bool {
            lhs == .error && rhs == .warning
        }
    }

    public var severity: Severity
    /// Stable identifier such as `front-matter.date`, documented in the README.
    public var code: String
    /// Path relative to the site root, with `/` separators.
    public var file: String
    /// 1-based line in the file the user edits; 0 when the problem concerns the whole file.
    public var line: Int
    /// 1-based column, counted in Unicode scalars; 0 when unknown.
    public var column: Int
    public var message: String
    public var hint: String?

    public init(
        severity: Severity, code: String, file: String, line: Int, column: Int,
        message: String, hint: String? = nil
    ) {
        self.severity = severity
        self.code = code
        self.file = file
        self.line = line
        self.column = column
        self.message = message
        self.hint = hint
    }

    public init(_ severity: Severity, _ code: String, at location: SourceLocation, _ message: String, hint: String? = nil) {
        self.init(
            severity: severity, code: code, file: location.file, line: location.line,
            column: location.column, message: message, hint: hint)
    }
}

/// Where a value came from: kept on parsed values so later stages can report problems precisely.
public struct SourceLocation: Hashable, Sendable, Codable {
    public var file: String
    public var line: Int
    public var column: Int

    public init(file: String, line: Int = 0, column: Int = 0) {
        self.file = file
        self.line = line
        self.column = column
    }

    /// The place of the byte at `offset` in a file's UTF-8 `bytes`, its column counted in Unicode scalars.
    package init(file: String, offset: Int, in bytes: [UInt8]) {
        let before = bytes[..<min(offset, bytes.count)]
        let lineStart = before.lastIndex(of: 0x0A).map { $0 + 1 } ?? 0
        self.init(
            file: file, line: before.count { $0 == 0x0A } + 1,
            column: bytes[lineStart..<before.endIndex].count { $0 & 0xC0 != 0x80 } + 1)
    }

    /// The same place shifted down by `lines`, for text embedded in a larger file (front matter in a page).
    public func offset(byLines lines: Int) -> SourceLocation {
        SourceLocation(file: file, line: line + lines, column: column)
    }
}

/// The diagnostics of one run, collected from every stage; a build publishes only when it holds no error.
public struct Diagnostics: Sendable {
    public private(set) var all: [Diagnostic] = []

    public init(_ diagnostics: [Diagnostic] = []) {
        all = diagnostics
    }

    public mutating func append(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    public mutating func append(contentsOf other: Diagnostics) {
        all.append(contentsOf: other.all)
    }

    public mutating func error(_ code: String, at location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.error, code, at: location, message, hint: hint))
    }

    public mutating func warning(_ code: String, at location: SourceLocation, _ message: String, hint: String? = nil) {
        all.append(Diagnostic(.warning, code, at: location, message, hint: hint))
    }

    public var hasErrors: Bool { all.contains { $0.severity == .error } }
    public var errorCount: Int { all.count { $0.severity == .error } }
    public var warningCount: Int { all.count { $0.severity == .warning } }
    public var isEmpty: Bool { all.isEmpty }

    /// Diagnostics in reading order: by file, then line and column, errors before warnings at one place.
    public var sorted: [Diagnostic] {
        Array(Set(all)).sorted {
            ($0.file, $0.line, $0.column, $0.severity == .error ? 0 : 1, $0.code, $0.message)
                < ($1.file, $1.line, $1.column, $1.severity == .error ? 0 : 1, $1.code, $1.message)
        }
    }
}
