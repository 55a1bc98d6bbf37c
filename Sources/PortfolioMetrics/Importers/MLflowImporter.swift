import PortfolioContent
import PortfolioSupport

/// Reads an MLflow file-store run folder (`mlruns/<experiment>/<run>/`): each `metrics/<name>` file
/// (`<timestamp ms> <value> [<step>]` per line) is a series over step; `params/` reach templates; the
/// run's name (`tags/mlflow.runName`, or `run_name` in `meta.yaml`) becomes the set's model.
public struct MLflowImporter: MetricFolderImporter {
    /// Files of a run read as data; artifacts and the rest are only kept out of the output.
    static let dataFolders = ["metrics/", "params/", "tags/"]

    public init() {}

    public var name: String { "mlflow" }

    /// One `metrics/<name>` file, which has no extension: every line `<timestamp> <value> [<step>]`.
    public func recognition(of file: MetricFileName, text: String) -> MetricRecognition? {
        guard !["json", "yaml", "yml", "csv", "md", "markdown"].contains(file.fileExtension) else { return nil }
        return Self.isMetricFile(text) ? .byContent : nil
    }

    public func read(_ text: String, file: String, diagnostics: inout Diagnostics) -> ImportedMetrics {
        .series(Self.parseMetricFile(text, file: file, diagnostics: &diagnostics))
    }

    /// A folder is an MLflow run when it holds `meta.yaml` and a `metrics/` folder.
    public func readsFolder(relativePaths: [String]) -> Bool {
        relativePaths.contains("meta.yaml") && relativePaths.contains { $0.hasPrefix("metrics/") }
    }

    public func isFolderData(relativePath: String) -> Bool {
        relativePath == "meta.yaml" || Self.dataFolders.contains(where: relativePath.hasPrefix)
    }

    public func readFolder(_ files: [String: String], folder: String, diagnostics: inout Diagnostics) -> MetricSet {
        Self.parseRun(files, folder: folder, diagnostics: &diagnostics)
    }

    /// `files` maps paths relative to the run folder (`metrics/val_f1`, `meta.yaml`) to their text;
    /// `folder` is the run folder's site-relative path, which diagnostics name the files under.
    static func parseRun(_ files: [String: String], folder: String, diagnostics: inout Diagnostics) -> MetricSet {
        var set = MetricSet()
        let metricFiles = files.keys.filter { $0.hasPrefix("metrics/") }.sorted()
        guard !metricFiles.isEmpty else {
            diagnostics.error("metrics.empty", at: SourceLocation(file: folder),
                "The MLflow run folder '\(folder)' has no files in `metrics/`.",
                hint: "Point at a run folder (`mlruns/<experiment id>/<run id>`), not at the experiment or `mlruns` itself.")
            return set
        }
        for path in metricFiles {
            let name = String(path.dropFirst("metrics/".count))
            if let series = series(files[path]!, name: name, file: folder + "/" + path, diagnostics: &diagnostics) {
                set.series.append(series)
            }
        }
        for path in files.keys where path.hasPrefix("params/") {
            set.params[String(path.dropFirst("params/".count))] = files[path]!.metricTrimmed()
        }
        set.model = files["tags/mlflow.runName"]?.metricTrimmed().nonEmpty ?? runName(inMeta: files["meta.yaml"])
        return set
    }

    /// A single `metrics/<name>` file pointed at on its own: one series named after the file.
    static func parseMetricFile(_ text: String, file: String, diagnostics: inout Diagnostics) -> MetricSet {
        let name = file.split(separator: "/").last.map(String.init) ?? file
        return MetricSet(series: series(text, name: name, file: file, diagnostics: &diagnostics).map { [$0] } ?? [])
    }

    static func series(_ text: String, name: String, file: String, diagnostics: inout Diagnostics) -> MetricSeries? {
        var series = MetricSeries(name: name, points: [], location: SourceLocation(file: file, line: 1, column: 1))
        var lineNumber = 0
        for line in text.split(separator: "\n", omittingEmptySubsequences: false) {
            lineNumber += 1
            let fields = line.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\r" })
            guard !fields.isEmpty else { continue }
            func column(_ index: Int) -> Int {
                line.distance(from: line.startIndex, to: fields[index].startIndex) + 1
            }
            guard fields.count == 2 || fields.count == 3 else {
                diagnostics.error("metrics.syntax", at: SourceLocation(file: file, line: lineNumber, column: 1),
                    "An MLflow metric line holds `<timestamp> <value> <step>`; this one has \(fields.count) fields.",
                    hint: "Each line is written by MLflow as e.g. `1647564216827 0.5328 0`.")
                continue
            }
            guard let value = MetricParser.finiteNumber(fields[1]) else {
                if ImportedNumber.isMissing(String(fields[1])) { continue }  // MLflow logs NaN as `nan`
                diagnostics.error("metrics.value", at: SourceLocation(file: file, line: lineNumber, column: column(1)),
                    "`\(fields[1])` is not a number.", hint: "The second field of a metric line is the value.")
                continue
            }
            var point = MetricPoint(value: value, location: SourceLocation(file: file, line: lineNumber, column: column(1)))
            if fields.count == 3 {
                guard let step = MetricParser.finiteNumber(fields[2]) else {
                    diagnostics.error("metrics.value", at: SourceLocation(file: file, line: lineNumber, column: column(2)),
                        "The step `\(fields[2])` is not a number.", hint: "The third field of a metric line is the integer step.")
                    continue
                }
                point.step = step
            } else {
                // Files from MLflow before 1.0 have no step: the points are in logging order.
                point.step = Double(series.points.count)
            }
            series.points.append(point)
        }
        if series.points.isEmpty {
            diagnostics.warning("metrics.empty", at: SourceLocation(file: file), "The MLflow metric file '\(file)' holds no values; it is left out.")
            return nil
        }
        series.points = ImportedPoints.ordered(series.points)
        series.unit = ImportedUnit.guess(name: name, values: series.points.map(\.value))
        return series
    }

    static func runName(inMeta text: String?) -> String? {
        guard let text, let node = try? YAMLNode.parse(text) else { return nil }
        return node["run_name"]?.text?.metricTrimmed().nonEmpty ?? node["name"]?.text?.metricTrimmed().nonEmpty
    }

    /// Every non-empty line `<integer timestamp> <number> [<integer step>]`, as MLflow writes metric files.
    static func isMetricFile(_ text: String) -> Bool {
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

extension MetricImporter where Self == MLflowImporter {
    public static var mlflow: MLflowImporter { MLflowImporter() }
}

extension String {
    fileprivate var nonEmpty: String? { isEmpty ? nil : self }
}
