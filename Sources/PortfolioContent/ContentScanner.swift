#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif
import PortfolioSupport

/// Every file under `content/`, found in one walk: Markdown to turn into pages, everything else to copy.
/// Both lists are sorted by path (`SourceIndex` searches them).
public struct ContentTree: Sendable {
    public var markdown: [SourceFile] = []
    public var files: [SourceFile] = []
}

/// Walks `content/` without following links out of the site or round in circles.
public enum ContentScanner {
    public static func scan(siteDirectory: String, diagnostics: inout Diagnostics) -> ContentTree {
        scan(siteDirectory: siteDirectory, known: FolderListings(), diagnostics: &diagnostics).tree
    }

    /// The walk, taking folders whose time has not moved from `known` (the last walk's listings)
    /// instead of listing them; it returns the listings worth keeping for the next walk, and whether
    /// they may differ from `known` (a folder was listed again, or one is gone).
    package static func scan(
        siteDirectory: String, known: FolderListings, diagnostics: inout Diagnostics
    ) -> (tree: ContentTree, listings: FolderListings, changed: Bool) {
        var tree = ContentTree()
        var listings = FolderListings()
        let root = SitePaths.folder(siteDirectory)
        let siteReal = realPath(root) ?? root
        // Folders already walked, by device and inode: a link back up the tree is walked once.
        var visitedDirectories: Set<[UInt64]> = []
        var contentInfo = stat()
        guard stat(root + "content", &contentInfo) == 0, (contentInfo.st_mode & S_IFMT) == S_IFDIR else {
            diagnostics.error(
                "content.missing", at: SourceLocation(file: "content"), "the site has no content/ folder",
                hint: "run portfolio build in the site folder (or pass --site), or start a site with portfolio init")
            return (tree, listings, !known.byFolder.isEmpty)
        }
        visitedDirectories.insert([UInt64(contentInfo.st_dev), UInt64(contentInfo.st_ino)])
        // One depth at a time, the folders of a depth listed in parallel: a portfolio is thousands of
        // small bundle folders side by side.
        var level = ["content"]
        let now = currentTime()
        var relisted = false
        while !level.isEmpty {
            let found = parallelMap(level) { relative in
                known.byFolder[relative].flatMap { reuse($0, of: relative, root: root) }.map { (listing: $0, reused: true) }
                    ?? (listFolder(relative, root: root, siteReal: siteReal, now: now), false)
            }
            for (relative, (listing, reused)) in zip(level, found) {
                if let kept = listing.kept { listings.byFolder[relative] = kept }
                relisted = relisted || !reused
            }
            level = []
            for (listing, _) in found {
                for file in listing.files {
                    if file.isMarkdown { tree.markdown.append(file) } else { tree.files.append(file) }
                }
                diagnostics.append(contentsOf: listing.diagnostics)
                for folder in listing.folders where visitedDirectories.insert(folder.identity).inserted { level.append(folder.relative) }
            }
        }
        tree.markdown.sort { $0.contentPath < $1.contentPath }
        tree.files.sort { $0.contentPath < $1.contentPath }
        return (tree, listings, relisted || listings.byFolder.count != known.byFolder.count)
    }

    /// What one folder holds: its files, and its subfolders with their device and inode.
    struct FolderListing: Sendable {
        var files: [SourceFile] = []
        var folders: [(relative: String, identity: [UInt64])] = []
        var diagnostics = Diagnostics()
        /// The listing to keep for the next walk; nil for a folder that changed moments ago or holds
        /// symbolic links, which are followed again every time.
        var kept: FolderListings.Listing?
    }

    /// The folder as `known` lists it, with each file's size and time read again; nil when the folder
    /// is not the one listed, or changed since, or a file it listed is gone.
    static func reuse(_ known: FolderListings.Listing, of relative: String, root: String) -> FolderListing? {
        var info = stat()
        guard stat(root + relative, &info) == 0, UInt64(info.st_dev) == known.device, UInt64(info.st_ino) == known.inode,
              info.modifiedNanoseconds == known.modified
        else { return nil }
        var listing = FolderListing(kept: known)
        for name in known.files {
            let childRelative = relative + "/" + name
            var fileInfo = stat()
            guard lstat(root + childRelative, &fileInfo) == 0, (fileInfo.st_mode & S_IFMT) == S_IFREG else { return nil }
            listing.files.append(sourceFile(childRelative, root: root, info: fileInfo))
        }
        listing.folders = known.folders.map { (relative + "/" + $0.name, [known.device, $0.inode]) }
        return listing
    }

    static func listFolder(_ relative: String, root: String, siteReal: String, now: Int) -> FolderListing {
        var listing = FolderListing()
        let absolute = root + relative
        // `opendir` rather than `open` and `fdopendir`, which checks the descriptor with two `fcntl`
        // calls: two system calls less for each of a big portfolio's thousands of folders.
        guard let directory = opendir(absolute) else {
            listing.diagnostics.error(
                "content.unreadable", at: SourceLocation(file: relative), "cannot read the folder \(relative): \(String(cString: strerror(errno)))")
            return listing
        }
        defer { closedir(directory) }
        let descriptor = dirfd(directory)
        var folderInfo = stat()
        fstat(descriptor, &folderInfo)
        var kept = FolderListings.Listing(
            device: UInt64(folderInfo.st_dev), inode: UInt64(folderInfo.st_ino), modified: folderInfo.modifiedNanoseconds, files: [], folders: [])
        var keepable = FolderListings.isSettled(kept, now: now)
        for (name, type, inode) in entries(of: directory).sorted(by: { $0.name < $1.name }) where !name.hasPrefix(".") {
            let childRelative = relative + "/" + name
            let childAbsolute = root + childRelative
            // A subfolder is known from its entry (its inode on the folder's device): no stat needed.
            if type == DT_DIR {
                listing.folders.append((childRelative, [kept.device, inode]))
                kept.folders.append(FolderListings.Subfolder(name: name, inode: inode))
                continue
            }
            // Looked up relative to the open folder: the kernel does not walk the whole path again.
            var info = stat()
            guard fstatat(descriptor, name, &info, AT_SYMLINK_NOFOLLOW) == 0 else { continue }
            var kind = info.st_mode & S_IFMT
            if kind == S_IFLNK {
                keepable = false
                guard let target = realPath(childAbsolute), stat(target, &info) == 0 else {
                    listing.diagnostics.error("content.broken-link", at: SourceLocation(file: childRelative), "symbolic link \(childRelative) points nowhere")
                    continue
                }
                guard target == String(siteReal.dropLast()) || target.hasPrefix(siteReal) else {
                    listing.diagnostics.error(
                        "content.link-outside-site", at: SourceLocation(file: childRelative),
                        "symbolic link \(childRelative) points outside the site (\(target))",
                        hint: "copy the file into the site instead of linking to it")
                    continue
                }
                kind = info.st_mode & S_IFMT
            }
            if kind == S_IFDIR {
                listing.folders.append((childRelative, [UInt64(info.st_dev), UInt64(info.st_ino)]))
                if UInt64(info.st_dev) == kept.device {
                    kept.folders.append(FolderListings.Subfolder(name: name, inode: UInt64(info.st_ino)))
                } else {
                    keepable = false
                }
            } else if kind == S_IFREG {
                listing.files.append(sourceFile(childRelative, root: root, info: info))
                kept.files.append(name)
            }
        }
        listing.kept = keepable ? kept : nil
        return listing
    }

    static func sourceFile(_ sitePath: String, root: String, info: stat) -> SourceFile {
        SourceFile(
            contentPath: String(sitePath.dropFirst("content/".count)), sitePath: sitePath, absolutePath: root + sitePath,
            size: Int(info.st_size), modified: info.modifiedNanoseconds)
    }

    static func currentTime() -> Int {
        var now = timespec()
        clock_gettime(CLOCK_REALTIME, &now)
        return now.nanoseconds
    }

    package static func listDirectory(_ path: String) -> [String]? {
        guard let directory = opendir(path) else { return nil }
        defer { closedir(directory) }
        return entryNames(of: directory)
    }

    static func entryNames(of directory: OpaquePointer) -> [String] {
        entries(of: directory).map(\.name)
    }

    /// The entries of an open folder with the type and inode its listing gives (`DT_UNKNOWN` on
    /// filesystems that do not say).
    static func entries(of directory: OpaquePointer) -> [(name: String, type: Int32, inode: UInt64)] {
        var entries: [(name: String, type: Int32, inode: UInt64)] = []
        while let entry = readdir(directory) {
            let name = withUnsafePointer(to: entry.pointee.d_name) {
                $0.withMemoryRebound(to: CChar.self, capacity: Int(NAME_MAX) + 1) { String(cString: $0) }
            }
            if name != ".", name != ".." { entries.append((name, Int32(entry.pointee.d_type), UInt64(entry.pointee.d_ino))) }
        }
        return entries
    }

    package static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}
