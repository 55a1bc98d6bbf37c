import PortfolioSupport

/// The built-in checks for secrets and private details, each started by a fixed prefix that the
/// confidential scan's automaton finds (`sk-`, `AKIA`, `://`, `@`...) and confirmed here by looking at
/// the bytes around it. Minimum lengths and a mix of letter cases and digits keep words such as
/// `sk-learn` or `hf_hub` from counting as keys.
enum SecretTrigger: CaseIterable, Sendable {
    case openAIKey, awsAccessKey, gitHubToken, gitHubOAuthToken, gitHubUserToken, gitHubServerToken, gitHubRefreshToken
    case gitHubFineGrainedToken, huggingFaceToken, slackToken, googleKey, privateKey, credentialURL, email
    case privateIP10, privateIP192, privateIP172, loopbackIP, localhost, internalHost, corpHost

    /// What the automaton looks for, in lower case.
    var prefix: String {
        switch self {
        case .openAIKey: "sk-"
        case .awsAccessKey: "akia"
        case .gitHubToken: "ghp_"
        case .gitHubOAuthToken: "gho_"
        case .gitHubUserToken: "ghu_"
        case .gitHubServerToken: "ghs_"
        case .gitHubRefreshToken: "ghr_"
        case .gitHubFineGrainedToken: "github_pat_"
        case .huggingFaceToken: "hf_"
        case .slackToken: "xox"
        case .googleKey: "aiza"
        case .privateKey: "-----begin "
        case .credentialURL: "://"
        case .email: "@"
        case .privateIP10: "10."
        case .privateIP192: "192.168."
        case .privateIP172: "172."
        case .loopbackIP: "127."
        case .localhost: "localhost"
        case .internalHost: ".internal"
        case .corpHost: ".corp"
        }
    }

    var severity: Diagnostic.Severity {
        switch self {
        case .email, .privateIP10, .privateIP192, .privateIP172, .loopbackIP, .localhost, .internalHost, .corpHost: .warning
        default: .error
        }
    }

    var code: String {
        switch self {
        case .email: "confidential.email"
        case .privateIP10, .privateIP192, .privateIP172, .loopbackIP, .localhost, .internalHost, .corpHost: "confidential.private-host"
        default: "confidential.secret"
        }
    }

    var hint: String {
        switch severity {
        case .error:
            "remove it (and revoke it if it was real); for a deliberate fake example, end the line with <!-- portfolio:allow --> (Markdown) or # portfolio:allow (YAML)"
        case .warning:
            "remove or redact it if it is not meant to be public, or end the line with <!-- portfolio:allow --> (Markdown) or # portfolio:allow (YAML)"
        }
    }

    /// The secret around a prefix found at `prefixStart`, with what to say about it; nil when the
    /// bytes there are not one.
    func match(in bytes: UnsafeBufferPointer<UInt8>, prefixStart: Int, ownEmails: [String]) -> (range: Range<Int>, message: String)? {
        let text = SecretBytes(bytes: bytes)
        let afterPrefix = prefixStart + prefix.utf8.count
        switch self {
        case .openAIKey:
            guard text.exactly("sk-", at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix, where: text.isKeyCharacter)
            let anthropic = text.exactly("sk-ant-", at: prefixStart)
            guard text.looksRandom(afterPrefix..<end, minimum: 20) else { return nil }
            return (prefixStart..<end, "\(anthropic ? "an Anthropic" : "an OpenAI") API key (\(text.masked(prefixStart..<end)))")
        case .awsAccessKey:
            guard text.exactly("AKIA", at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix) { ScanText.isUpper($0) || ScanText.isDigit($0) }
            guard end - afterPrefix == 16, !text.isTokenCharacter(at: end) else { return nil }
            return (prefixStart..<end, "an AWS access key id (\(text.masked(prefixStart..<end)))")
        case .gitHubToken, .gitHubOAuthToken, .gitHubUserToken, .gitHubServerToken, .gitHubRefreshToken:
            guard text.exactly(prefix, at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix, where: ScanText.isAlphanumeric)
            guard end - afterPrefix >= 30, !text.isTokenCharacter(at: end) else { return nil }
            return (prefixStart..<end, "a GitHub token (\(text.masked(prefixStart..<end)))")
        case .gitHubFineGrainedToken:
            guard text.exactly(prefix, at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix) { ScanText.isAlphanumeric($0) || $0 == 0x5F }
            guard end - afterPrefix >= 22 else { return nil }
            return (prefixStart..<end, "a GitHub fine-grained token (\(text.masked(prefixStart..<end)))")
        case .huggingFaceToken:
            guard text.exactly(prefix, at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix, where: ScanText.isAlphanumeric)
            guard end - afterPrefix >= 30, text.hasBothCases(afterPrefix..<end), !text.isTokenCharacter(at: end) else { return nil }
            return (prefixStart..<end, "a Hugging Face token (\(text.masked(prefixStart..<end)))")
        case .slackToken:
            guard text.exactly(prefix, at: prefixStart), !text.isTokenCharacter(before: prefixStart),
                  afterPrefix + 1 < bytes.count, "baprs".utf8.contains(bytes[afterPrefix]), bytes[afterPrefix + 1] == 0x2D
            else { return nil }
            let end = text.end(of: afterPrefix + 2) { ScanText.isAlphanumeric($0) || $0 == 0x2D }
            guard end - afterPrefix - 2 >= 15, (afterPrefix + 2..<end).contains(where: { ScanText.isDigit(bytes[$0]) }) else { return nil }
            return (prefixStart..<end, "a Slack token (\(text.masked(prefixStart..<end)))")
        case .googleKey:
            guard text.exactly("AIza", at: prefixStart), !text.isTokenCharacter(before: prefixStart) else { return nil }
            let end = text.end(of: afterPrefix, where: text.isKeyCharacter)
            guard end - afterPrefix >= 30 else { return nil }
            return (prefixStart..<end, "a Google API key (\(text.masked(prefixStart..<end)))")
        case .privateKey:
            guard text.exactly("-----BEGIN ", at: prefixStart) else { return nil }
            let lineEnd = text.end(of: afterPrefix) { $0 != 0x0A }
            guard let marker = text.find("PRIVATE KEY-----", in: afterPrefix..<lineEnd) else { return nil }
            return (prefixStart..<marker, "a private key")
        case .credentialURL:
            return credentialURL(text, separator: prefixStart)
        case .email:
            return email(text, at: prefixStart, ownEmails: ownEmails)
        case .privateIP10, .privateIP192, .privateIP172, .loopbackIP:
            guard let address = text.ipv4(at: prefixStart) else { return nil }
            let octets = address.octets
            let isPrivate = switch self {
            case .privateIP172: octets[1] >= 16 && octets[1] <= 31
            default: true
            }
            guard isPrivate else { return nil }
            return (address.range, "'\(text.string(address.range))' is a host on a private network")
        case .localhost:
            guard !text.isTokenCharacter(before: prefixStart), !ScanText.isAlphanumeric(text.byte(at: afterPrefix)),
                  text.byte(at: afterPrefix) != 0x2D
            else { return nil }
            return (prefixStart..<afterPrefix, "'\(text.string(prefixStart..<afterPrefix))' is a host on a private network")
        case .internalHost, .corpHost:
            guard text.exactly(prefix, at: prefixStart), text.isHostCharacter(text.byte(at: prefixStart - 1)),
                  !text.isHostCharacter(text.byte(at: afterPrefix)) || text.byte(at: afterPrefix) == 0x2E && !text.isHostCharacter(text.byte(at: afterPrefix + 1))
            else { return nil }
            var start = prefixStart
            while start > 0, text.isHostCharacter(bytes[start - 1]) || bytes[start - 1] == 0x2E { start -= 1 }
            return (start..<afterPrefix, "'\(text.string(start..<afterPrefix))' is a host on a private network")
        }
    }

    /// `scheme://user:password@host`: the separator `://` is at `separator`.
    private func credentialURL(_ text: SecretBytes, separator: Int) -> (range: Range<Int>, message: String)? {
        var start = separator
        while start > 0, ScanText.isAlphanumeric(text.byte(at: start - 1)) || text.byte(at: start - 1) == 0x2B
            || text.byte(at: start - 1) == 0x2E || text.byte(at: start - 1) == 0x2D
        { start -= 1 }
        guard start < separator else { return nil }
        let userStart = separator + 3
        let end = text.end(of: userStart) { byte in
            byte > 0x20 && byte != 0x2F && byte != 0x40 && byte != 0x3F && byte != 0x23 && byte != 0x3E && byte != 0x29 && byte != 0x22
        }
        guard text.byte(at: end) == 0x40, let colon = text.find(":", in: userStart..<end), colon > userStart, colon + 1 < end else { return nil }
        return (start..<end + 1, "a URL with a user name and password (\(text.string(start..<colon)):…@)")
    }

    /// `local@domain.tld`, unless it is one of the site's own addresses or a reserved example domain.
    private func email(_ text: SecretBytes, at: Int, ownEmails: [String]) -> (range: Range<Int>, message: String)? {
        func isLocal(_ byte: UInt8) -> Bool {
            ScanText.isAlphanumeric(byte) || byte == 0x2E || byte == 0x5F || byte == 0x25 || byte == 0x2B || byte == 0x2D
        }
        var start = at
        while start > 0, isLocal(text.byte(at: start - 1)) { start -= 1 }
        // Not the password of a credential URL (`user:pass@host`), which that check reports.
        guard start < at, text.byte(at: start - 1) != 0x3A, text.byte(at: start - 1) != 0x2F else { return nil }
        var end = text.end(of: at + 1) { ScanText.isAlphanumeric($0) || $0 == 0x2E || $0 == 0x2D }
        while end > at + 1, text.byte(at: end - 1) == 0x2E || text.byte(at: end - 1) == 0x2D { end -= 1 }
        let domain = text.string(at + 1..<end).lowercased()
        guard let dot = domain.lastIndex(of: "."), domain.distance(from: dot, to: domain.endIndex) >= 3,
              domain[domain.index(after: dot)...].allSatisfy({ $0.isLetter })
        else { return nil }
        let address = text.string(start..<end)
        if ownEmails.contains(address.lowercased()) { return nil }
        let reserved = ["example.com", "example.org", "example.net"]
        if reserved.contains(domain) || [".example", ".test", ".invalid", ".localhost"].contains(where: domain.hasSuffix)
            || reserved.contains(where: { domain.hasSuffix("." + $0) })
        { return nil }
        return (start..<end, "the e-mail address '\(address)' is not the site's own")
    }
}

/// Reading helpers over the bytes around a possible secret.
private struct SecretBytes {
    let bytes: UnsafeBufferPointer<UInt8>

    /// The byte at `offset`, or 0 outside the text.
    func byte(at offset: Int) -> UInt8 {
        offset >= 0 && offset < bytes.count ? bytes[offset] : 0
    }

    func exactly(_ text: String, at offset: Int) -> Bool {
        var index = offset
        for byte in text.utf8 {
            guard index < bytes.count, bytes[index] == byte else { return false }
            index += 1
        }
        return true
    }

    /// The first offset from `start` where `included` fails.
    func end(of start: Int, where included: (UInt8) -> Bool) -> Int {
        var index = start
        while index < bytes.count, included(bytes[index]) { index += 1 }
        return index
    }

    func find(_ needle: String, in range: Range<Int>) -> Int? {
        let first = needle.utf8.first!
        for index in range where bytes[index] == first && exactly(needle, at: index) { return index }
        return nil
    }

    func isKeyCharacter(_ byte: UInt8) -> Bool {
        ScanText.isAlphanumeric(byte) || byte == 0x5F || byte == 0x2D
    }

    /// A character that would make the match part of a longer token (`task-sk-...` is not a key).
    func isTokenCharacter(before offset: Int) -> Bool {
        offset > 0 && isKeyCharacter(bytes[offset - 1])
    }

    func isTokenCharacter(at offset: Int) -> Bool {
        offset < bytes.count && isKeyCharacter(bytes[offset])
    }

    func isHostCharacter(_ byte: UInt8) -> Bool {
        ScanText.isAlphanumeric(byte) || byte == 0x2D
    }

    /// At least `minimum` characters with an upper-case letter, a lower-case letter and a digit, as random keys have.
    func looksRandom(_ range: Range<Int>, minimum: Int) -> Bool {
        guard range.count >= minimum else { return false }
        return hasBothCases(range) && range.contains { ScanText.isDigit(bytes[$0]) }
    }

    func hasBothCases(_ range: Range<Int>) -> Bool {
        range.contains { ScanText.isUpper(bytes[$0]) } && range.contains { ScanText.isLower(bytes[$0]) }
    }

    func string(_ range: Range<Int>) -> String {
        String(decoding: UnsafeBufferPointer(rebasing: bytes[range]), as: UTF8.self)
    }

    /// The start of a secret and an ellipsis: enough to find it, not enough to use it.
    func masked(_ range: Range<Int>) -> String {
        string(range.lowerBound..<min(range.lowerBound + 8, range.upperBound)) + "…"
    }

    /// A dotted IPv4 address starting at `start`, standing alone (not part of a version number).
    func ipv4(at start: Int) -> (range: Range<Int>, octets: [Int])? {
        let before = byte(at: start - 1)
        guard !(ScanText.isAlphanumeric(before) || before == 0x2E || before == 0x5F) else { return nil }
        var octets: [Int] = []
        var index = start
        while octets.count < 4 {
            let end = self.end(of: index, where: ScanText.isDigit)
            guard end > index, end - index <= 3, let value = Int(string(index..<end)), value <= 255 else { return nil }
            octets.append(value)
            index = end
            if octets.count < 4 {
                guard byte(at: index) == 0x2E else { return nil }
                index += 1
            }
        }
        let after = byte(at: index)
        guard !(ScanText.isAlphanumeric(after) || after == 0x5F), !(after == 0x2E && ScanText.isDigit(byte(at: index + 1))) else { return nil }
        return (start..<index, octets)
    }
}
