/// Escapes UTF-8 text for HTML and XML, in content and attribute values alike (`&lt; &gt; &amp; &quot; &#39;`),
/// copying runs with nothing to escape as they are. Templates write through it straight into the
/// page's buffer; `MarkupText` in the core uses it for every other escaped string.
public enum HTMLEscaping {
    @inline(__always)
    static func needsEscape(_ byte: UInt8) -> Bool {
        byte == 60 || byte == 62 || byte == 38 || byte == 34 || byte == 39
    }

    public static func append(_ bytes: UnsafeBufferPointer<UInt8>, to out: inout [UInt8]) {
        var runStart = 0
        for index in 0..<bytes.count where needsEscape(bytes[index]) {
            if runStart < index { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart..<index])) }
            switch bytes[index] {
            case 60: out += [38, 108, 116, 59]  // &lt;
            case 62: out += [38, 103, 116, 59]  // &gt;
            case 38: out += [38, 97, 109, 112, 59]  // &amp;
            case 34: out += [38, 113, 117, 111, 116, 59]  // &quot;
            default: out += [38, 35, 51, 57, 59]  // &#39;
            }
            runStart = index + 1
        }
        if runStart < bytes.count { out.append(contentsOf: UnsafeBufferPointer(rebasing: bytes[runStart...])) }
    }

    /// Whether `bytes` holds anything `append` would change.
    public static func needsEscaping(_ bytes: UnsafeBufferPointer<UInt8>) -> Bool {
        bytes.contains(where: needsEscape)
    }
}
