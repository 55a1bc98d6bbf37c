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
