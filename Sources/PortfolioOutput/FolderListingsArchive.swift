import PortfolioContent
import PortfolioSupport

/// The folder listings' place in `.portfolio-cache/`: the content walk only produces and consumes the value.
extension FolderListings {
    static let formatVersion = "folders-1"

    static func path(siteDirectory: String) -> String {
        CacheFile.folder(of: siteDirectory) + "/folders.bin"
    }

    /// The listings the last build kept; none when there is no cache or it cannot be read.
    package static func load(siteDirectory: String) -> FolderListings {
        guard let bytes = try? FileReader.bytes(atPath: path(siteDirectory: siteDirectory)) else { return FolderListings() }
        var reader = CacheReader(bytes)
        return (try? reader.read(FolderListings.self)) ?? FolderListings()
    }

    package func save(siteDirectory: String) {
        var writer = CacheWriter(capacity: byFolder.count * 64)
        writer.write(self)
        CacheFile.write(writer.bytes, to: FolderListings.path(siteDirectory: siteDirectory))
    }
}

extension FolderListings: CacheArchivable {
    @usableFromInline package func archive(into writer: inout CacheWriter) {
        writer.write(FolderListings.formatVersion)
        writer.write(byFolder.count)
        for (folder, listing) in byFolder {
            writer.write(folder)
            writer.write(listing.device)
            writer.write(listing.inode)
            writer.write(listing.modified)
            writer.write(listing.files)
            writer.write(listing.folders.count)
            for subfolder in listing.folders {
                writer.write(subfolder.name)
                writer.write(subfolder.inode)
            }
        }
    }

    @usableFromInline package init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
        self.init()
        guard try reader.read(String.self) == FolderListings.formatVersion else { throw CacheReader.Corrupt() }
        let count = try reader.read(Int.self)
        guard count >= 0 else { throw CacheReader.Corrupt() }
        byFolder.reserveCapacity(min(count, 1 << 16))
        for _ in 0..<count {
            let folder = try reader.read(String.self)
            var listing = Listing(
                device: try reader.read(), inode: try reader.read(), modified: try reader.read(), files: try reader.read(), folders: [])
            let subfolders = try reader.read(Int.self)
            guard subfolders >= 0 else { throw CacheReader.Corrupt() }
            for _ in 0..<subfolders { listing.folders.append(Subfolder(name: try reader.read(), inode: try reader.read())) }
            byFolder[folder] = listing
        }
        guard reader.isAtEnd else { throw CacheReader.Corrupt() }
    }
}
