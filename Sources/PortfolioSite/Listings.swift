/// A list of project cards that may run over several pages: all projects, or those of one term.
public enum Listing: Sendable, Hashable {
    case projects
    case tag(Int)
    case specialization(Int)
}

/// Where the list pages of a site live and what each shows: the one place that knows it, for the
/// renderer that writes them and the link check that must accept links to them.
extension Site {
    public var listings: [Listing] {
        [.projects] + tags.indices.map(Listing.tag) + specializations.indices.map(Listing.specialization)
    }

    /// Cards per list page; every card on one page when `paginate` is 0.
    public var projectsPerPage: Int { config.paginate > 0 ? config.paginate : Int.max }

    public func memberCount(of listing: Listing) -> Int {
        switch listing {
        case .projects: return listedProjectCount
        case .tag(let index): return tags[index].projectIndices.count
        case .specialization(let index): return specializations[index].projectIndices.count
        }
    }

    /// The cards on one page of a listing, as indices into `projects`.
    public func members(of listing: Listing, page: Int) -> [Int] {
        let count = memberCount(of: listing)
        let start = min((page - 1) * projectsPerPage, count)
        let range = start..<min(start + min(projectsPerPage, count - start), count)
        switch listing {
        case .projects: return Array(range)
        case .tag(let index): return Array(tags[index].projectIndices[range])
        case .specialization(let index): return Array(specializations[index].projectIndices[range])
        }
    }

    public func pageCount(of listing: Listing) -> Int {
        let count = memberCount(of: listing)
        return config.paginate > 0 ? max(1, (count + projectsPerPage - 1) / projectsPerPage) : 1
    }

    /// The listed projects before and after a project in list order, for its previous/next links;
    /// none for an unlisted project, which no list leads to.
    public func neighbours(ofProject index: Int) -> [Int] {
        guard index < listedProjectCount else { return [] }
        return [index - 1, index + 1].filter { $0 >= 0 && $0 < listedProjectCount }
    }

    /// The site-relative folder of one page of a listing: `projects/`, `tags/nlp/page/2/`.
    public func urlPath(of listing: Listing, page: Int) -> String {
        let first: String
        switch listing {
        case .projects: first = "projects/"
        case .tag(let index): first = "tags/\(tags[index].term.slug)/"
        case .specialization(let index): first = "specializations/\(specializations[index].term.slug)/"
        }
        return page == 1 ? first : first + "page/\(page)/"
    }
}
