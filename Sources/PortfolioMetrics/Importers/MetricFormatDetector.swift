/// Tells which importer reads a file, by its name and the start of its content, so trainers can drop the
/// files their tools wrote into a project as they are. `format:` on the entry overrides it.
public enum MetricFormatDetector {
    /// Nil when the file is no metric file this stage knows (a `.md` without `model-index`, a `.png`).
    public static func detect(fileName: String, text: String) -> MetricFileFormat? {
        let base = (fileName.split(separator: "/").last.map(String.init) ?? fileName).lowercased()
        let ext = base.lastIndex(of: ".").map { String(base[base.index(after: $0)...]) } ?? ""
        switch ext {
        case "json":
            return hasJSONKey("results", in: text) && !hasJSONKey("metrics", in: text) ? .lmEval : .canonical
        case "yaml", "yml":
            return .canonical
        case "csv":
            let names = CSVTable.headerNames(of: text)
            if names.map({ $0.lowercased() }) == ["wall time", "step", "value"] { return .tensorboard }
            if WandbImporter.shape(ofHeader: names) != nil { return .wandb }
            return .csv
        case "md", "markdown":
            return isModelCard(text) ? .hfModelCard : nil
        default:
            if isModelCard(text) { return .hfModelCard }
            if isMLflowMetricFile(text) { return .mlflow }
            return nil
        }
    }

    /// A folder is an MLflow run when it holds `meta.yaml` and a `metrics/` folder.
    public static func isMLflowRun(relativePaths: [String]) -> Bool {
        relativePaths.contains("meta.yaml") && relativePaths.contains { $0.hasPrefix("metrics/") }
    }

    /// `"results":` as a key anywhere: our own JSON has no such key, lm-eval's always has.
    static func hasJSONKey(_ key: String, in text: String) -> Bool {
        let quoted = Array("\"\(key)\"".utf8)
        let bytes = Array(text.utf8.prefix(4 * 1024 * 1024))
        var index = 0
        while index + quoted.count <= bytes.count {
            if bytes[index] == quoted[0], Array(bytes[index..<index + quoted.count]) == quoted {
                var after = index + quoted.count
                while after < bytes.count, bytes[after] == 32 || bytes[after] == 9 || bytes[after] == 10 || bytes[after] == 13 { after += 1 }
                if after < bytes.count, bytes[after] == UInt8(ascii: ":") { return true }
            }
            index += 1
        }
        return false
    }

    /// Front matter holding `model-index:` (or the legacy `model_index:`) at its top level.
    static func isModelCard(_ text: String) -> Bool {
        var lines = text.split(separator: "\n", omittingEmptySubsequences: false).makeIterator()
        guard let first = lines.next(), String(first).metricTrimmed() == "---" else { return false }
        while let line = lines.next() {
            let trimmed = String(line).metricTrimmed()
            if trimmed == "---" || trimmed == "..." { return false }
            if line.hasPrefix("model-index:") || line.hasPrefix("model_index:") { return true }
        }
        return false
    }

    /// Every non-empty line `<integer timestamp> <number> [<integer step>]`, as MLflow writes metric files.
    static func isMLflowMetricFile(_ text: String) -> Bool {
        var sawLine = false
        for line in text.split(separator: "\n").prefix(50) {
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\r" })
            guard !fields.isEmpty else { continue }
            guard fields.count == 2 || fields.count == 3, Int(fields[0]) != nil,
                MetricParser.finiteNumber(fields[1]) != nil || ImportedNumber.isMissing(String(fields[1])),
                fields.count == 2 || Int(fields[2]) != nil
            else { return false }
            sawLine = true
        }
        return sawLine
    }
}
