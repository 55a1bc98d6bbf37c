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

extension ContentHash {
    /// A fingerprint of a whole output file, eight bytes at a step: fast enough to take of every page a
    /// build writes, for telling which files did not change. Not FNV, and not for security.
    public static func ofBytes(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var hash: UInt64 = 0xcbf2_9ce4_8422_2325 ^ UInt64(bytes.count)
        let raw = UnsafeRawBufferPointer(bytes)
        var offset = 0
        while offset + 8 <= raw.count {
            hash = (hash ^ raw.loadUnaligned(fromByteOffset: offset, as: UInt64.self)) &* 0x9E37_79B9_7F4A_7C15
            hash ^= hash >> 29
            offset += 8
        }
        while offset < raw.count {
            hash = (hash ^ UInt64(raw[offset])) &* 0x0000_0100_0000_01B3
            offset += 1
        }
        return hash
    }

    public static func ofBytes(_ bytes: [UInt8]) -> UInt64 {
        bytes.withUnsafeBufferPointer { ofBytes($0) }
    }

    /// The fingerprint of a string's UTF-8, read in place.
    public static func ofString(_ text: String) -> UInt64 {
        var text = text
        return text.withUTF8 { ofBytes($0) }
    }
}
