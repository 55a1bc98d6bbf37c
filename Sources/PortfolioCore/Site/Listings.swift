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

    /// Indices into `projects` of the cards a listing shows, in order.
    public func members(of listing: Listing) -> [Int] {
        switch listing {
        case .projects: return Array(projects.indices)
        case .tag(let index): return tags[index].projectIndices
        case .specialization(let index): return specializations[index].projectIndices
        }
    }

    /// Cards per list page; every card on one page when `paginate` is 0.
    public var projectsPerPage: Int { config.paginate > 0 ? config.paginate : Int.max }

    public func pageCount(of listing: Listing) -> Int {
        let count = members(of: listing).count
        return config.paginate > 0 ? max(1, (count + projectsPerPage - 1) / projectsPerPage) : 1
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
