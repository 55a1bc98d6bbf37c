import Foundation
import PortfolioSupport

/// What the preview adds to HTML responses, and only to responses: the reload script, and the overlay
/// listing the diagnostics of a failed build. Nothing here is ever written into the output folder.
public enum LivePage {
    public static let eventsPath = "/__portfolio/events"
    public static let scriptPath = "/__portfolio/live.js"

    public static let script = """
        (function () {
          if (!window.EventSource) return;
          var source = new EventSource("\(eventsPath)");
          source.addEventListener("reload", function () { location.reload(); });
        })();

        """

    /// `html` with the script tag, and the overlay when there are errors, put before `</body>`.
    public static func inject(into html: String, diagnostics: [Diagnostic]) -> String {
        var addition = "<script src=\"\(scriptPath)\" defer></script>"
        if !diagnostics.isEmpty { addition = overlay(diagnostics) + addition }
        if let range = html.range(of: "</body>", options: [.caseInsensitive, .backwards]) {
            return html.replacingCharacters(in: range.lowerBound..<range.lowerBound, with: addition)
        }
        return html + addition
    }

    /// The failed build's problems, on top of the last good page, as `file:line:column: severity: message`.
    public static func overlay(_ diagnostics: [Diagnostic]) -> String {
        let errors = diagnostics.filter { $0.severity == .error }.count
        var html = """
            <div id="portfolio-build-errors" role="alert" style="position:fixed;inset:0;z-index:2147483647;overflow:auto;\
            background:rgba(20,20,24,.94);color:#f3f3f3;font:14px/1.5 ui-monospace,SFMono-Regular,Menlo,Consolas,monospace;padding:2rem">\
            <h2 style="color:#ff8a80;margin:0 0 1rem;font-size:1.2rem">The build failed: \(errors) error(s). \
            The page below is the last good build.</h2><ol style="padding-left:1.5rem">
            """
        for diagnostic in diagnostics {
            let location = "\(diagnostic.file):\(diagnostic.line):\(diagnostic.column)"
            html += "<li style=\"margin-bottom:.75rem\"><code>\(escape(location))</code>: "
                + "<strong style=\"color:\(diagnostic.severity == .error ? "#ff8a80" : "#ffd180")\">\(diagnostic.severity.rawValue)</strong>: "
                + escape(diagnostic.message) + " [\(escape(diagnostic.code))]"
            if let hint = diagnostic.hint { html += "<br><span style=\"color:#b0bec5\">hint: \(escape(hint))</span>" }
            html += "</li>"
        }
        html += "</ol><p style=\"color:#b0bec5\">Fix the file and save: the page reloads by itself.</p></div>"
        return html
    }

    /// A whole page for when no build has succeeded yet.
    public static func errorPage(_ diagnostics: [Diagnostic]) -> String {
        inject(into: "<!doctype html><html lang=\"en\"><head><meta charset=\"utf-8\"><title>Build failed</title></head><body></body></html>",
            diagnostics: diagnostics)
    }

    static func escape(_ text: String) -> String {
        MarkupText.escape(text)
    }
}
