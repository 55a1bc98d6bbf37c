#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension timespec {
    /// Nanoseconds since 1970: the one unit the build keeps file times and clock readings in.
    public var nanoseconds: Int {
        Int(tv_sec) * 1_000_000_000 + Int(tv_nsec)
    }
}

extension stat {
    /// When the file's content last changed, in nanoseconds since 1970.
    public var modifiedNanoseconds: Int {
        #if canImport(Darwin)
        st_mtimespec.nanoseconds
        #else
        st_mtim.nanoseconds
        #endif
    }
}
