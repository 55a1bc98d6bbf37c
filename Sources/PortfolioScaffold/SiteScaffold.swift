import Foundation
import PortfolioContent
import PortfolioSupport

/// The files of `portfolio init` and `portfolio new`, as text keyed by site-relative path. Building
/// the text is separate from writing it, so tests can check what a new site holds without a disk.
public enum SiteScaffold {
    /// A new site: settings, one example project bundle with its metrics, an about page, and a
    /// `.gitignore` for what builds write. No theme is copied: the built-in one is used until the user
    /// adds a `templates/` folder. The files are the repository's `scaffold/`, embedded by
    /// `scripts/embed-theme`, with the title and the day filled in.
    public static func siteFiles(title: String = "Your Name — AI Model Trainer", today: SiteDate) -> [String: String] {
        // The date first: a title may hold any text, `{{date}}` too, and must reach the file as typed.
        ScaffoldSite.files.mapValues { text in
            text.replacingOccurrences(of: "{{date}}", with: today.isoDate)
                .replacingOccurrences(of: "{{title}}", with: YAMLText.quoted(title))
        }
    }

    /// A new project. A bundle (`content/projects/<slug>/index.md` and a `metrics.yaml` that builds clean
    /// as it is) or, with `singleFile`, `content/projects/<slug>.md` alone.
    public static func projectFiles(title: String, slug: String, author: String?, today: SiteDate, singleFile: Bool) -> [String: String] {
        let date = today.isoDate
        let page = """
            ---
            title: \(YAMLText.quoted(title))
            subtitle: "One line on what the project was"
            description: "A sentence or two for cards, search results and the feed."
            \(author.map { "author: \(YAMLText.quoted($0))\n" } ?? "")publish_date: \(date)
            created_date: \(date)
            tags: []
            specialization: NLP
            role: "Annotator"
            cta: "Working on something similar? Get in touch."
            ---
            ## Context

            What was the model, and what did the team need?

            ## What I did

            The work you did: guidelines, data, reviews, evaluations.

            ## Results

            What changed, in numbers.

            """
        guard !singleFile else { return ["content/projects/\(slug).md": page] }
        return [
            "content/projects/\(slug)/index.md": page,
            "content/projects/\(slug)/metrics.yaml": """
                # The metrics of this project. Replace the empty list with yours, for example:
                #
                # model: CodeAssist-7B
                # baseline: SFT checkpoint
                # metrics:
                #   - name: pass@1 (HumanEval)
                #     unit: percent          # percent | fraction | score | count | seconds | tokens
                #     better: higher         # higher | lower
                #     target: 60             # optional goal line
                #     points:
                #       - { step: 0, label: SFT, value: 42.1 }
                #       - { step: 1, label: RLHF round 1, value: 48.7, stderr: 1.2 }
                #       - { step: 2, label: RLHF round 2, value: 55.3 }
                metrics: []

                """,
        ]
    }

    public struct Failure: Error, CustomStringConvertible {
        public var description: String
    }

    /// Files a user's own copy of wins even with `overwrite`: a repository's `.gitignore` lists more
    /// than the site's build output.
    static let keptWhenPresent: Set<String> = [".gitignore"]

    /// Writes `files` below `directory`. Unless `overwrite` is set, fails before writing anything when one
    /// of them exists already; with it, replaces them, except those in `keptWhenPresent`.
    public static func write(_ files: [String: String], to directory: String, overwrite: Bool = false) throws(Failure) {
        let manager = FileManager.default
        let root = SitePaths.folder(directory)
        if !overwrite, let existing = files.keys.sorted().first(where: { manager.fileExists(atPath: root + $0) }) {
            throw Failure(description: "\(root + existing) already exists")
        }
        for (relative, text) in files.sorted(by: { $0.key < $1.key })
        where !(keptWhenPresent.contains(relative) && manager.fileExists(atPath: root + relative)) {
            let path = root + relative
            do {
                try manager.createDirectory(atPath: (path as NSString).deletingLastPathComponent, withIntermediateDirectories: true)
                try Data(text.utf8).write(to: URL(fileURLWithPath: path))
            } catch {
                throw Failure(description: "cannot write \(path): \(error.localizedDescription)")
            }
        }
    }

    /// True when `directory` does not exist or holds nothing (hidden files such as `.git` count).
    public static func isEmptyOrMissing(_ directory: String) -> Bool {
        guard let entries = try? FileManager.default.contentsOfDirectory(atPath: directory) else {
            return !FileManager.default.fileExists(atPath: directory)
        }
        return entries.isEmpty
    }
}

/// Text safe to put after `key: ` in YAML, whatever the user typed.
enum YAMLText {
    static func quoted(_ text: String) -> String {
        var result = "\""
        for scalar in text.unicodeScalars {
            switch scalar {
            case "\"": result += "\\\""
            case "\\": result += "\\\\"
            case "\n": result += "\\n"
            case "\t": result += "\\t"
            case "\r": result += "\\r"
            default:
                if scalar.value < 0x20 || scalar.value == 0x7F || (0x80...0x9F).contains(scalar.value) {
                    result += String(format: "\\x%02X", scalar.value)
                } else if scalar.value == 0x2028 || scalar.value == 0x2029 || scalar.value == 0xFEFF {
                    result += String(format: "\\u%04X", scalar.value)
                } else {
                    result.unicodeScalars.append(scalar)
                }
            }
        }
        return result + "\""
    }
}
