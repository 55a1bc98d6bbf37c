/// How many edits apart two names are, for the hints that name the nearest known one (front matter
/// keys, layouts, template names). Here, at the bottom of the targets, so every stage has the same one.
package enum EditDistance {
    /// Insertions, deletions and substitutions of Unicode scalars; with `swapsCountOnce`, a swap of two
    /// neighbours is one edit too (`nmae` is one edit from `name`, not two).
    package static func between(_ first: String, _ second: String, swapsCountOnce: Bool = false) -> Int {
        let a = Array(first.unicodeScalars), b = Array(second.unicodeScalars)
        guard !a.isEmpty, !b.isEmpty else { return max(a.count, b.count) }
        var beforePrevious = [Int](repeating: 0, count: b.count + 1)
        var previous = Array(0...b.count)
        var current = [Int](repeating: 0, count: b.count + 1)
        for i in 1...a.count {
            current[0] = i
            for j in 1...b.count {
                current[j] = min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] == b[j - 1] ? 0 : 1))
                if swapsCountOnce, i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    current[j] = min(current[j], beforePrevious[j - 2] + 1)
                }
            }
            (beforePrevious, previous, current) = (previous, current, beforePrevious)
        }
        return previous[b.count]
    }
}
