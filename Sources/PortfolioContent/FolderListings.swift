/// What the last walk of `content/` found in each folder, kept in `.portfolio-cache/` so the next
/// walk need not list a folder again while its modification time stands still: adding, removing or
/// renaming an entry moves it, editing a file inside does not (the walk still looks at every known
/// file's size and time). Listing the thousands of bundle folders of a big portfolio was the largest
/// part of a rebuild after a one-line edit.
package struct FolderListings: Sendable, Equatable {
    /// One folder as it was listed: its identity and time, its files and its subfolders.
    package struct Listing: Sendable, Equatable {
        package var device: UInt64
        package var inode: UInt64
        /// Nanoseconds since 1970.
        package var modified: Int
        /// Names of the regular files, in name order.
        package var files: [String]
        /// Names of the subfolders with their inodes (on the same device), in name order.
        package var folders: [Subfolder]

        package init(device: UInt64, inode: UInt64, modified: Int, files: [String], folders: [FolderListings.Subfolder]) {
            self.device = device
            self.inode = inode
            self.modified = modified
            self.files = files
            self.folders = folders
        }
    }

    package struct Subfolder: Sendable, Equatable {
        package var name: String
        package var inode: UInt64

        package init(name: String, inode: UInt64) {
            self.name = name
            self.inode = inode
        }
    }

    /// A folder changed less than this long before it was listed is not kept: a change within the
    /// same tick of the file system's clock would leave its time as it was (git's "racily clean").
    static let settleNanoseconds = 2_000_000_000

    /// By the folder's path from the site root (`content/projects/rlhf`).
    package var byFolder: [String: Listing] = [:]

    package init() {}

    /// Whether a folder listed at `now` (nanoseconds since 1970) may be trusted later.
    static func isSettled(_ listing: Listing, now: Int) -> Bool {
        listing.modified < now - settleNanoseconds
    }
}
