/// Where a Markdown file sits in `content/`, and what that means for its kind and address.
package struct Placement {
    let contentPath: String
    package let directory: String
    let fileName: String
    let stem: String

    package init(contentPath: String) {
        self.contentPath = contentPath
        let slash = contentPath.lastIndex(of: "/")
        directory = slash.map { String(contentPath[..<$0]) } ?? ""
        fileName = slash.map { String(contentPath[contentPath.index(after: $0)...]) } ?? contentPath
        stem = fileName.hasSuffix(".markdown") ? String(fileName.dropLast(9)) : String(fileName.dropLast(3))
    }

    var isIndex: Bool { stem == "index" || stem == "_index" }
    package var isBundle: Bool { isIndex && !directory.isEmpty }

    package var kind: PageKind {
        if contentPath == "index.md" || contentPath == "_index.md" { return .home }
        let inProjects = directory == "projects" || directory.hasPrefix("projects/")
        return inProjects && !(directory == "projects" && isIndex) ? .project : .page
    }

    /// The folder the page's own folder goes into: `projects/` for `projects/x.md` and `projects/x/index.md`.
    package var parentURLPath: String {
        let folder = isBundle ? (directory.lastIndex(of: "/").map { String(directory[..<$0]) } ?? "") : directory
        return folder.isEmpty ? "" : folder + "/"
    }

    /// The name the slug comes from: the bundle's folder, or the file name without a Jekyll date.
    package var slugSource: String {
        let name = isBundle ? String(directory.split(separator: "/").last ?? "") : stem
        return jekyllDate == nil ? name : String(name.dropFirst(11))
    }

    /// The date in a Jekyll-style name, `2016-05-20-my-post.md`.
    package var jekyllDate: SiteDate? {
        let name = isBundle ? String(directory.split(separator: "/").last ?? "") : stem
        guard name.count > 11, name[name.index(name.startIndex, offsetBy: 10)] == "-" else { return nil }
        return SiteDate(parsing: String(name.prefix(10)))
    }
}

/// What a page is, which decides its template and the lists it appears in.
public enum PageKind: String, Sendable, Hashable, Codable {
    /// `content/index.md`: text for the home page.
    case home
    /// A write-up under `content/projects/`.
    case project
    /// Any other Markdown file, such as `content/about.md`.
    case page
}
