#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// One file of the site, named the three ways the stages need.
public struct SourceFile: Sendable, Hashable {
    /// Relative to `content/`, e.g. `projects/rlhf/index.md`.
    public var contentPath: String
    /// Relative to the site root, as diagnostics name it: `content/projects/rlhf/index.md`.
    public var sitePath: String
    public var absolutePath: String
    /// Size and modification time (nanoseconds since 1970) when scanned: what the build stamp compares.
    public var size: Int = 0
    public var modified: Int = 0

    public init(contentPath: String, sitePath: String, absolutePath: String, size: Int = 0, modified: Int = 0) {
        self.contentPath = contentPath
        self.sitePath = sitePath
        self.absolutePath = absolutePath
        self.size = size
        self.modified = modified
    }

    public var isMarkdown: Bool { contentPath.hasSuffix(".md") || contentPath.hasSuffix(".markdown") }
}

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
    /// instead of listing them; it returns the listings worth keeping for the next walk.
    static func scan(
        siteDirectory: String, known: FolderListings, diagnostics: inout Diagnostics
    ) -> (tree: ContentTree, listings: FolderListings) {
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
            return (tree, listings)
        }
        visitedDirectories.insert([UInt64(contentInfo.st_dev), UInt64(contentInfo.st_ino)])
        // One depth at a time, the folders of a depth listed in parallel: a portfolio is thousands of
        // small bundle folders side by side.
        var level = ["content"]
        let now = currentTime()
        while !level.isEmpty {
            let found = parallelMap(level) { relative in
                known.byFolder[relative].flatMap { reuse($0, of: relative, root: root) }
                    ?? listFolder(relative, root: root, siteReal: siteReal, now: now)
            }
            for (relative, listing) in zip(level, found) where listing.kept != nil { listings.byFolder[relative] = listing.kept }
            level = []
            for listing in found {
                tree.markdown += listing.files.filter(\.isMarkdown)
                tree.files += listing.files.filter { !$0.isMarkdown }
                diagnostics.append(contentsOf: listing.diagnostics)
                for folder in listing.folders where visitedDirectories.insert(folder.identity).inserted { level.append(folder.relative) }
            }
        }
        tree.markdown.sort { $0.contentPath < $1.contentPath }
        tree.files.sort { $0.contentPath < $1.contentPath }
        return (tree, listings)
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

    static func listDirectory(_ path: String) -> [String]? {
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

    static func realPath(_ path: String) -> String? {
        guard let resolved = realpath(path, nil) else { return nil }
        defer { free(resolved) }
        return String(cString: resolved)
    }
}

/// Reads whole files with POSIX calls: Foundation's readers cost more per file and this runs once per input.
public enum FileReader {
    public struct Failure: Error, Sendable {
        public var message: String
    }

    /// The largest input file accepted; a bigger one is reported instead of read.
    public static let maximumSize = 64 * 1024 * 1024

    public static func bytes(atPath path: String) throws(Failure) -> [UInt8] {
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw Failure(message: String(cString: strerror(errno))) }
        defer { close(descriptor) }
        var info = stat()
        guard fstat(descriptor, &info) == 0 else { throw Failure(message: String(cString: strerror(errno))) }
        guard (info.st_mode & S_IFMT) == S_IFREG else { throw Failure(message: "not a regular file") }
        let size = Int(info.st_size)
        guard size <= maximumSize else { throw Failure(message: "the file is larger than \(maximumSize / 1024 / 1024) MB") }
        var failure: Failure?
        // Read into uninitialised storage: zero-filling first costs as much as the read.
        let buffer = [UInt8](unsafeUninitializedCapacity: size) { storage, initialized in
            var filled = 0
            while filled < size {
                let count = read(descriptor, storage.baseAddress! + filled, size - filled)
                if count < 0, errno == EINTR { continue }
                if count < 0 { failure = Failure(message: String(cString: strerror(errno))) }
                if count <= 0 { break }
                filled += count
            }
            initialized = filled
        }
        if let failure { throw failure }
        return buffer
    }
}
