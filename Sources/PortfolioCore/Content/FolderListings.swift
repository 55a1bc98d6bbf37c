/// What the last walk of `content/` found in each folder, kept in `.portfolio-cache/` so the next
/// walk need not list a folder again while its modification time stands still: adding, removing or
/// renaming an entry moves it, editing a file inside does not (the walk still looks at every known
/// file's size and time). Listing the thousands of bundle folders of a big portfolio was the largest
/// part of a rebuild after a one-line edit.
struct FolderListings: Sendable, Equatable {
    /// One folder as it was listed: its identity and time, its files and its subfolders.
    struct Listing: Sendable, Equatable {
        var device: UInt64
        var inode: UInt64
        /// Nanoseconds since 1970.
        var modified: Int
        /// Names of the regular files, in name order.
        var files: [String]
        /// Names of the subfolders with their inodes (on the same device), in name order.
        var folders: [Subfolder]
    }

    struct Subfolder: Sendable, Equatable {
        var name: String
        var inode: UInt64
    }

    /// A folder changed less than this long before it was listed is not kept: a change within the
    /// same tick of the file system's clock would leave its time as it was (git's "racily clean").
    static let settleNanoseconds = 2_000_000_000

    /// By the folder's path from the site root (`content/projects/rlhf`).
    var byFolder: [String: Listing] = [:]

    /// Whether a folder listed at `now` (nanoseconds since 1970) may be trusted later.
    static func isSettled(_ listing: Listing, now: Int) -> Bool {
        listing.modified < now - settleNanoseconds
    }

    static let formatVersion = "folders-1"

    static func path(siteDirectory: String) -> String {
        CacheFile.folder(of: siteDirectory) + "/folders.bin"
    }

    /// The listings the last build kept; none when there is no cache or it cannot be read.
    static func load(siteDirectory: String) -> FolderListings {
        guard let bytes = try? FileReader.bytes(atPath: path(siteDirectory: siteDirectory)) else { return FolderListings() }
        var reader = CacheReader(bytes)
        return (try? reader.read(FolderListings.self)) ?? FolderListings()
    }

    func save(siteDirectory: String) {
        var writer = CacheWriter(capacity: byFolder.count * 64)
        writer.write(self)
        CacheFile.write(writer.bytes, to: FolderListings.path(siteDirectory: siteDirectory))
    }
}

extension FolderListings: CacheArchivable {
    func archive(into writer: inout CacheWriter) {
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

    init(from reader: inout CacheReader) throws(CacheReader.Corrupt) {
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
