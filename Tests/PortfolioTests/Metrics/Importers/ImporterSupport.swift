@testable import PortfolioMetrics
@testable import PortfolioSupport

/// Reads a copied sample (`Tests/Fixtures/metrics/samples/...`) and imports it as the loader would.
enum Samples {
    static func text(_ path: String) throws -> String {
        try MetricFixtures.text("samples/" + path)
    }

    static func parse(_ path: String, _ format: some MetricImporter, options: MetricImportOptions = MetricImportOptions())
        throws -> (MetricSet, Diagnostics)
    {
        var diagnostics = Diagnostics()
        let set = MetricParser.parse(try text(path), file: path, format: format, options: options, diagnostics: &diagnostics)
        return (set, diagnostics)
    }

    static func parse(text: String, file: String, _ format: some MetricImporter) -> (MetricSet, Diagnostics) {
        var diagnostics = Diagnostics()
        let set = MetricParser.parse(text, file: file, format: format, diagnostics: &diagnostics)
        return (set, diagnostics)
    }
}

extension MetricSet {
    func named(_ name: String) -> MetricSeries? { series.first { $0.name == name } }
}
