/// A short, stable fingerprint of bytes (64-bit FNV-1a), for cache-busting asset names such as
/// `style.3f9a1c0d.css`. Not for security.
public enum ContentHash {
    public static func fnv1a(_ bytes: some Sequence<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325
        for byte in bytes {
            hash ^= UInt64(byte)
            hash = hash &* 0x0000_0100_0000_01B3
        }
        return hash
    }

    /// Eight hexadecimal digits of the hash.
    public static func short(_ bytes: some Sequence<UInt8>) -> String {
        let hex = String(fnv1a(bytes) >> 32, radix: 16)
        return String(repeating: "0", count: 8 - hex.count) + hex
    }

    /// `assets/style.css` -> `assets/style.<hash>.css`.
    public static func fingerprinted(_ path: String, bytes: [UInt8]) -> String {
        guard let dot = path.lastIndex(of: "."), !path[dot...].contains("/") else { return path + "." + short(bytes) }
        return path[..<dot] + "." + short(bytes) + path[dot...]
    }
}
