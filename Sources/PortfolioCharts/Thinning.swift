/// Picks which points of a long series to draw: largest-triangle-three-buckets keeps the shape (peaks,
/// dips, first and last) of thousands of points in about a hundred, so the SVG stays small.
enum Thinning {
    /// Indices into `values` (sorted by x), all of them when there are no more than `limit`.
    static func indices(x: [Double], y: [Double], limit: Int) -> [Int] {
        let count = x.count
        guard count > limit, limit >= 3 else { return Array(0..<count) }
        var chosen = [0]
        chosen.reserveCapacity(limit)
        let bucketSize = Double(count - 2) / Double(limit - 2)
        var anchor = 0
        for bucket in 0..<(limit - 2) {
            let start = Int(Double(bucket) * bucketSize) + 1
            let end = Swift.min(Int(Double(bucket + 1) * bucketSize) + 1, count - 1)
            let nextStart = end
            let nextEnd = Swift.min(Int(Double(bucket + 2) * bucketSize) + 1, count)
            var averageX = 0.0, averageY = 0.0
            for index in nextStart..<nextEnd {
                averageX += x[index]
                averageY += y[index]
            }
            let span = Double(Swift.max(1, nextEnd - nextStart))
            averageX /= span
            averageY /= span
            var best = start, bestArea = -1.0
            for index in start..<Swift.max(end, start + 1) {
                let area = abs((x[anchor] - averageX) * (y[index] - y[anchor]) - (x[anchor] - x[index]) * (averageY - y[anchor]))
                if area > bestArea {
                    bestArea = area
                    best = index
                }
            }
            chosen.append(best)
            anchor = best
        }
        chosen.append(count - 1)
        return chosen
    }
}
