import OrderedCollections
import PortfolioContent
import PortfolioImages
import PortfolioMarkdown
import PortfolioMetrics
import PortfolioSite
import PortfolioSupport

// How a parsed page and what it holds are kept in the build cache. Each type writes its fields in
// declaration order and reads them back in the same order; `PageArchiveTests` round-trips a page with
// every field set, so a field added to a type but not here fails a test.

extension CacheArchivable where Self: RawRepresentable, RawValue == String {
    @usableFromInline package func archive(into writer: inout CacheWriter) { writer.write(rawValue) }
    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        guard let value = Self(rawValue: try reader.read(String.self)) else { throw CacheReader.Corrupt() }
        self = value
    }
}

extension PageKind: CacheArchivable {}
extension ImageFormat: CacheArchivable {}

extension ImageFacts: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(width)
        writer.write(height)
        writer.write(format)
        writer.write(frames)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(width: try reader.read(), height: try reader.read(), format: try reader.read(), frames: try reader.read())
    }
}

extension PageImage: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(contentPath)
        writer.write(facts)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(contentPath: try reader.read(), facts: try reader.read())
    }
}
extension Diagnostic.Severity: CacheArchivable {}

extension SourceLocation: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(file)
        writer.write(line)
        writer.write(column)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(file: try reader.read(), line: try reader.read(), column: try reader.read())
    }
}

extension Diagnostic: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(severity)
        writer.write(code)
        writer.write(SourceLocation(file: file, line: line, column: column))
        writer.write(message)
        writer.write(hint)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        let severity: Severity = try reader.read()
        let code: String = try reader.read()
        let location: SourceLocation = try reader.read()
        self.init(severity, code, at: location, try reader.read(), hint: try reader.read())
    }
}

extension SourceFile: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(contentPath)
        writer.write(sitePath)
        writer.write(absolutePath)
        writer.write(size)
        writer.write(modified)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(
            contentPath: try reader.read(), sitePath: try reader.read(), absolutePath: try reader.read(),
            size: try reader.read(), modified: try reader.read())
    }
}

extension SiteDate: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(year)
        writer.write(month)
        writer.write(day)
        writer.write(secondOfDay)
        writer.write(utcOffsetSeconds)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(
            year: try reader.read(), month: try reader.read(), day: try reader.read(),
            secondOfDay: try reader.read(), utcOffsetSeconds: try reader.read())
    }
}

extension Term: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(name)
        writer.write(slug)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(name: try reader.read(), slug: try reader.read())
    }
}

extension Heading: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(level)
        writer.write(text)
        writer.write(id)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(level: try reader.read(), text: try reader.read(), id: try reader.read())
    }
}

extension MarkdownReference: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(url)
        writer.write(text)
        writer.write(line)
        writer.write(column)
        writer.write(isImage)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(url: try reader.read(), text: try reader.read(), line: try reader.read(), column: try reader.read(), isImage: try reader.read())
    }
}

extension MetricFileReference: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(path)
        writer.write(format)
        writer.write(select)
        writer.write(name)
        writer.write(location)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(path: try reader.read(), format: try reader.read(), select: try reader.read(), name: try reader.read(), location: try reader.read())
    }
}

extension YAMLValue: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        switch self {
        case .string(let text): writer.write(0); writer.write(text)
        case .bool(let flag): writer.write(1); writer.write(flag)
        case .number(let number): writer.write(2); writer.write(number)
        case .list(let items): writer.write(3); writer.write(items)
        case .map(let entries): writer.write(4); writer.write(entries)
        case .null: writer.write(5)
        }
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        switch try reader.read(Int.self) {
        case 0: self = .string(try reader.read())
        case 1: self = .bool(try reader.read())
        case 2: self = .number(try reader.read())
        case 3: self = .list(try reader.read())
        case 4: self = .map(try reader.read())
        case 5: self = .null
        default: throw CacheReader.Corrupt()
        }
    }
}

extension FrontMatter: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        for text in [title, subtitle, description, summary, author, readTime] { writer.write(text) }
        for date in [publishDate, createdDate, updatedDate] { writer.write(date) }
        for text in [heroImage, heroImageAlt, cta] { writer.write(text) }
        writer.write(tags)
        writer.write(categories)
        writer.write(draft)
        writer.write(unlisted)
        writer.write(slug)
        writer.write(weight)
        for text in [role, platform, model, specialization] { writer.write(text) }
        writer.write(hours)
        writer.write(featured)
        writer.write(headlineMetric)
        writer.write(math)
        writer.write(layout)
        writer.write(metricFiles)
        writer.write(params)
        // The file of every key location is the page's own: written once, not once a key.
        let keys = keyLocations.keys.sorted()
        let file = keys.first.flatMap { keyLocations[$0]?.file } ?? ""
        writer.write(file)
        writer.write(keys.count)
        for key in keys {
            let location = keyLocations[key]!
            writer.write(key)
            writer.write(location.line)
            writer.write(location.column)
            writer.write(location.file == file ? nil : location.file)
        }
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init()
        (title, subtitle, description, summary, author, readTime) =
            (try reader.read(), try reader.read(), try reader.read(), try reader.read(), try reader.read(), try reader.read())
        (publishDate, createdDate, updatedDate) = (try reader.read(), try reader.read(), try reader.read())
        (heroImage, heroImageAlt, cta) = (try reader.read(), try reader.read(), try reader.read())
        tags = try reader.read()
        categories = try reader.read()
        draft = try reader.read()
        unlisted = try reader.read()
        slug = try reader.read()
        weight = try reader.read()
        (role, platform, model, specialization) = (try reader.read(), try reader.read(), try reader.read(), try reader.read())
        hours = try reader.read()
        featured = try reader.read()
        headlineMetric = try reader.read()
        math = try reader.read()
        layout = try reader.read()
        metricFiles = try reader.read()
        params = try reader.read()
        let file: String = try reader.read()
        let count: Int = try reader.read()
        keyLocations.reserveCapacity(max(0, min(count, 1 << 10)))
        for _ in 0..<max(0, count) {
            let key: String = try reader.read()
            let line: Int = try reader.read()
            let column: Int = try reader.read()
            keyLocations[key] = SourceLocation(file: try reader.read(String?.self) ?? file, line: line, column: column)
        }
    }
}

extension MetricHighlight.Gain: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(gain)
        writer.write(metric)
        writer.write(change)
        writer.write(changePercent)
        writer.write(improved)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(gain: try reader.read(), metric: try reader.read(), change: try reader.read(), changePercent: try reader.read(), improved: try reader.read())
    }
}

extension MetricHighlight.Headline: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(metric)
        writer.write(change)
        writer.write(improved)
        writer.write(regressed)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(metric: try reader.read(), change: try reader.read(), improved: try reader.read(), regressed: try reader.read())
    }
}

extension MetricHighlight: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(hasPoints)
        writer.write(headlineGain)
        writer.write(bestGain)
        writer.write(headline)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(hasPoints: try reader.read(), headlineGain: try reader.read(), bestGain: try reader.read(), headline: try reader.read())
    }
}

extension Page: CacheArchivable {
    /// Everything but the content (`html`, `headings`, `metrics`, made again from the files when read)
    /// and the content key (the cache entry's): in their place, what lists show of the metrics.
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(kind)
        writer.write(source)
        writer.write(urlPath)
        writer.write(slug)
        writer.write(frontMatter)
        writer.write(title)
        writer.write(wordCount)
        writer.write(hasMath)
        writer.write(readTime)
        writer.write(summary)
        writer.write(date)
        writer.write(tags)
        writer.write(specialization)
        writer.write(heroImage)
        writer.write(references)
        writer.write(bundleDirectory)
        writer.write(metricFiles)
        writer.write(images)
        writer.write(heroFacts)
        writer.write(listedMetrics.hasSeries)
        writer.write(listedMetrics.highlight)
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init(
            kind: try reader.read(), source: try reader.read(), urlPath: try reader.read(), slug: try reader.read(),
            frontMatter: try reader.read(), title: try reader.read(), html: "", headings: [],
            wordCount: try reader.read(), hasMath: try reader.read(), readTime: try reader.read(), summary: try reader.read(), date: try reader.read(),
            tags: try reader.read(), specialization: try reader.read(), heroImage: try reader.read(),
            references: try reader.read(), bundleDirectory: try reader.read(), metrics: nil, metricFiles: try reader.read(),
            images: try reader.read(), heroFacts: try reader.read(),
            listedMetrics: ListedMetrics(hasSeries: try reader.read(), highlight: try reader.read()))
    }
}
