import PortfolioSupport
import PortfolioTemplates

/// The cache key of a template view, taken without rendering it: the hash of its key bytes
/// (`TemplateKeyBytes`), in which a field's stand-in replaces a value that a page's content makes, so
/// equal views give equal keys in every build and a key never needs a page's content.
package enum ContextFingerprint {
    package static func of(_ value: TemplateValue) -> UInt64 {
        var key = TemplateKeyBytes(capacity: 4_096)
        key.value(value)
        return ContentHash.ofBytes(key.bytes)
    }
}
