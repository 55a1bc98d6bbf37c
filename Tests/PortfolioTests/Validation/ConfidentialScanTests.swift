@testable import PortfolioSupport
@testable import PortfolioValidation
import Testing

/// `code line:column` of each finding in `text`, scanned as if it started at line 1 of `page.md`.
private func findings(
    _ text: String, terms: [String] = [], syntax: ConfidentialScanner.Syntax = .markdown, ownEmails: [String] = []
) -> [String] {
    var diagnostics = Diagnostics()
    ConfidentialScanner(terms: terms, ownEmails: ownEmails)
        .scan(text, origin: .init(file: "page.md"), syntax: syntax, diagnostics: &diagnostics)
    return diagnostics.sorted.map { "\($0.code) \($0.line):\($0.column)" }
}

private func messages(_ text: String, terms: [String] = []) -> [String] {
    var diagnostics = Diagnostics()
    ConfidentialScanner(terms: terms).scan(text, origin: .init(file: "page.md"), syntax: .markdown, diagnostics: &diagnostics)
    return diagnostics.sorted.map(\.message)
}

@Suite struct ConfidentialTermTests {
    @Test func termIsFoundWhateverItsCaseAtItsLineAndColumn() {
        #expect(findings("Intro.\nWe worked for ACME on this.\n", terms: ["Acme"]) == ["confidential.term 2:15"])
        #expect(messages("for acme.", terms: ["Acme"]) == ["'acme' matches the confidential term 'Acme' from confidential.txt"])
    }

    @Test func termMatchesOnWordBoundariesOnly() {
        #expect(findings("acme's model", terms: ["Acme"]) == ["confidential.term 1:1"])
        #expect(findings("acme-corp", terms: ["Acme"]) == ["confidential.term 1:1"])
        #expect(findings("(Acme)", terms: ["Acme"]) == ["confidential.term 1:2"])
        #expect(findings("acmeology and reacme and acme_x", terms: ["Acme"]).isEmpty)
    }

    @Test func columnsCountUnicodeScalarsAndAccentedLettersFoldCase() {
        #expect(findings("Café — Acme", terms: ["acme"]) == ["confidential.term 1:8"])
        #expect(findings("the ÜBERCORP deal", terms: ["übercorp"]) == ["confidential.term 1:5"])
        #expect(findings("Acmé", terms: ["acme"]).isEmpty)
    }

    @Test func termOfSeveralWordsIsFoundWhenTheTextWrapsBetweenThem() {
        #expect(findings("We ran Project\nFalcon twice.\n", terms: ["Project Falcon"]) == ["confidential.term 1:8"])
    }

    @Test func manyTermsAreFoundInOnePass() {
        let terms = (0..<300).map { "codename\($0)" } + ["Blue Heron"]
        #expect(findings("codename7, codename299 and blue heron; codename3000", terms: terms)
            == ["confidential.term 1:1", "confidential.term 1:12", "confidential.term 1:28"])
    }

    @Test func termsAreReadFromTheListSkippingCommentsAndBlankLines() {
        #expect(ConfidentialScanner.terms(inList: "# clients\nAcme\n\n  Blue Heron  \n#Falcon\n") == ["Acme", "Blue Heron"])
    }

    @Test func allowMarkerDoesNotLetAConfidentialTermThrough() {
        #expect(findings("Acme <!-- portfolio:allow -->", terms: ["acme"]) == ["confidential.term 1:1"])
    }

    @Test func yamlCommentsAreNotPublishedSoNotScanned() {
        let yaml = "title: Work # for Acme\nrole: \"lead # Acme\"\n# Acme\nclient: Acme\n"
        #expect(findings(yaml, terms: ["acme"], syntax: .yaml) == ["confidential.term 2:15", "confidential.term 4:9"])
        #expect(findings("title: don't # Acme\n", terms: ["acme"], syntax: .yaml).isEmpty)
    }

    @Test func originShiftsLinesAndTheFirstLineColumn() {
        var diagnostics = Diagnostics()
        ConfidentialScanner(terms: ["acme"]).scan(
            "x acme\nacme", origin: .init(file: "f.yaml", line: 10, column: 5), syntax: .plain, diagnostics: &diagnostics)
        #expect(diagnostics.sorted.map { "\($0.file):\($0.line):\($0.column)" } == ["f.yaml:10:7", "f.yaml:11:1"])
    }
}

@Suite struct SecretCheckTests {
    @Test(arguments: [
        ("key = sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx", "OpenAI"),
        ("sk-ant-api03-Zx81KqLmNoPqRsTuVwXy-12ab", "Anthropic"),
        ("export AWS_ACCESS_KEY_ID=AKIAIOSFODNN7EXAMPLE", "AWS"),
        ("token ghp_16C7e42F292c6912E7710c838347Ae178B4a", "GitHub"),
        ("github_pat_11ABCDEFG0123456789_abcdefghijklmnop", "GitHub fine-grained"),
        ("HF_TOKEN=hf_AbCdEfGhIjKlMnOpQrStUvWxYzAbCdEfGh", "Hugging Face"),
        ("xoxb-123456789012-1234567890123-AbCdEf", "Slack"),
        ("key=AIzaSyA1b2C3d4E5f6G7h8I9j0K1l2M3n4O5p6Q", "Google"),
        ("-----BEGIN RSA PRIVATE KEY-----", "private key"),
        ("-----BEGIN PRIVATE KEY-----", "private key"),
        ("clone https://nora:hunter2@git.example.org/repo", "user name and password"),
    ])
    func secretIsAnError(_ text: String, kind: String) {
        var diagnostics = Diagnostics()
        ConfidentialScanner.secretsOnly.scan(text, origin: .init(file: "page.md"), syntax: .markdown, diagnostics: &diagnostics)
        #expect(diagnostics.all.count == 1, "\(text)")
        #expect(diagnostics.all.first?.code == "confidential.secret")
        #expect(diagnostics.all.first?.severity == .error)
        #expect(diagnostics.all.first?.message.contains(kind) == true, "\(diagnostics.all.first?.message ?? "")")
    }

    @Test(arguments: [
        "We used sk-learn and scikit-learn for the baseline.",
        "sk-learn-is-a-great-library-for-classic-ml",
        "Call hf_hub_download to fetch the weights; hf_transfer speeds it up.",
        "task-sk-Ab3dEf9hIjKlMn0pQrStUvWx1",
        "AKIA is a prefix; AKIAshort is not a key.",
        "ghp_ alone, xox-slack, xoxb-short",
        "-----BEGIN PUBLIC KEY-----",
        "https://example.com/path and ftp://host/file and https://user@host/",
        "pass@1 rose to 62%; @nora on GitHub",
        "version 10.2 and Python 3.10.1.4 and 1.10.0.0.1",
    ])
    func wordsThatLookLikeSecretsAreNot(_ text: String) {
        #expect(findings(text).isEmpty, "\(text)")
    }

    @Test func secretMessageShowsOnlyTheStartOfTheKey() {
        let message = messages("sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx").first ?? ""
        #expect(message.contains("sk-proj-…"))
        #expect(!message.contains("Ab3dEf9h"))
    }

    @Test func allowMarkerLetsADeliberateExampleThroughOnItsLineOnly() {
        let markdown = "`sk-proj-Ab3dEf9hIjKlMn0pQrStUvWx` <!-- portfolio:allow -->\nsk-proj-Ab3dEf9hIjKlMn0pQrStUvWx\n"
        #expect(findings(markdown) == ["confidential.secret 2:1"])
        let yaml = "example: \"AKIAIOSFODNN7EXAMPLE\" # portfolio:allow\nkey: AKIAIOSFODNN7EXAMPLE\n"
        #expect(findings(yaml, syntax: .yaml) == ["confidential.secret 2:6"])
    }

    @Test func emailOtherThanTheSiteOwnIsAWarning() {
        #expect(findings("Write to lead@acme-labs.io or me@nora.dev.", ownEmails: ["Me@Nora.dev"]) == ["confidential.email 1:10"])
        #expect(findings("nobody@example.com, test@site.test, a@b.example").isEmpty)
        #expect(findings("see https://nora:pw123@host.io/") == ["confidential.secret 1:5"])
    }

    @Test(arguments: [
        ("the eval server at 10.0.3.7 ran it", 20), ("http://192.168.1.20:8080/", 8), ("172.16.0.4", 1),
        ("db at 172.31.255.1.", 7), ("on localhost:8000", 4), ("http://127.0.0.1/", 8),
        ("labelling.internal/queue", 1), ("see wiki.acme.corp", 5),
    ])
    func privateHostIsAWarning(_ text: String, column: Int) {
        #expect(findings(text) == ["confidential.private-host 1:\(column)"], "\(text)")
    }

    @Test(arguments: ["172.32.0.1", "10.0.3", "192.168.1.256", "Acme Corp.", "the .internal domain", "localhost-free", "mylocalhost"])
    func publicHostsAndLookalikesAreNotPrivate(_ text: String) {
        #expect(findings(text).isEmpty, "\(text)")
    }
}
