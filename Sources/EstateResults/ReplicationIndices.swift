import Foundation

/// A set of replication indices as sorted, disjoint, non-adjacent closed ranges (`0-499,600-699`):
/// which replications a `BatchResults` holds, in memory that grows with the number of gaps, not
/// with the number of replications.
public struct ReplicationIndices: Sendable, Hashable, Codable {
    /// Lower and upper bounds (inclusive) of each range, in increasing order.
    public private(set) var ranges: [ClosedRange<Int>] = []

    /// The empty set.
    public init() {}

    /// The set of `indices` (repeats count once).
    public init<S: Sequence<Int>>(_ indices: S) {
        for index in indices.sorted() where !contains(index) { insert(index) }
    }

    /// How many indices the set holds.
    public var count: Int { ranges.reduce(0) { $0 + $1.count } }

    /// Whether the set holds no index.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Every index, in increasing order.
    public var indices: [Int] { ranges.flatMap { Array($0) } }

    /// The smallest index held.
    public var first: Int? { ranges.first?.lowerBound }

    /// Whether the set holds `index`.
    /// - Complexity: O(log r) for r ranges.
    public func contains(_ index: Int) -> Bool {
        let k = ranges.partitioningIndex { $0.upperBound >= index }
        return k < ranges.count && ranges[k].contains(index)
    }

    /// Adds `index`; returns false (and changes nothing) if it was held already.
    /// - Complexity: O(1) when indices come in increasing order.
    @discardableResult
    public mutating func insert(_ index: Int) -> Bool {
        if let last = ranges.last, index > last.upperBound {
            if index == last.upperBound + 1 {
                ranges[ranges.count - 1] = last.lowerBound...index
            } else {
                ranges.append(index...index)
            }
            return true
        }
        guard !contains(index) else { return false }
        var merged = ranges + [index...index]
        merged.sort { $0.lowerBound < $1.lowerBound }
        ranges = Self.coalesced(merged)
        return true
    }

    /// Adds the indices of `other`; returns those held by both (then nothing is changed).
    public mutating func formUnion(_ other: ReplicationIndices) -> [Int] {
        var overlap = [Int]()
        var i = 0
        for range in other.ranges {
            while i < ranges.count, ranges[i].upperBound < range.lowerBound { i += 1 }
            var j = i
            while j < ranges.count, ranges[j].lowerBound <= range.upperBound {
                let common = max(ranges[j].lowerBound, range.lowerBound)...min(ranges[j].upperBound, range.upperBound)
                overlap += Array(common)
                j += 1
            }
        }
        guard overlap.isEmpty else { return overlap }
        ranges = Self.coalesced((ranges + other.ranges).sorted { $0.lowerBound < $1.lowerBound })
        return []
    }

    /// The indices of `0 ..< total` not held.
    public func missing(below total: Int) -> [Int] {
        var missing = [Int](), next = 0
        for range in ranges where next < total {
            if range.lowerBound > next { missing += Array(next..<min(range.lowerBound, total)) }
            next = max(next, range.upperBound + 1)
        }
        if next < total { missing += Array(next..<total) }
        return missing
    }

    /// As ranges `"a-b"` (or `"a"` for one), Slurm's array notation.
    public var rangeTexts: [String] {
        ranges.map { $0.count == 1 ? "\($0.lowerBound)" : "\($0.lowerBound)-\($0.upperBound)" }
    }

    private static func coalesced(_ sorted: [ClosedRange<Int>]) -> [ClosedRange<Int>] {
        var result = [ClosedRange<Int>]()
        for range in sorted {
            if let last = result.last, range.lowerBound <= last.upperBound + 1 {
                result[result.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                result.append(range)
            }
        }
        return result
    }

    enum CodingKeys: String, CodingKey { case bounds }

    /// Decodes the bounds saved as one packed array; throws `DecodingError` for an odd number of
    /// bounds or ranges that are negative, out of order, overlapping or adjacent.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        let bounds = try container.decodePacked([Int64].self, forKey: .bounds)
        guard bounds.count % 2 == 0 else {
            throw DecodingError.dataCorruptedError(forKey: .bounds, in: container,
                                                   debugDescription: "an odd number of bounds")
        }
        var ranges = [ClosedRange<Int>]()
        for k in stride(from: 0, to: bounds.count, by: 2) {
            let lower = Int(bounds[k]), upper = Int(bounds[k + 1])
            guard lower >= 0, lower <= upper, ranges.last.map({ $0.upperBound + 1 < lower }) ?? true else {
                throw DecodingError.dataCorruptedError(forKey: .bounds, in: container,
                                                       debugDescription: "replication ranges out of order")
            }
            ranges.append(lower...upper)
        }
        self.ranges = ranges
    }

    /// Encodes the ranges' lower and upper bounds, one after the other, as one packed array;
    /// throws what `encoder` throws.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(ranges.flatMap { [Int64($0.lowerBound), Int64($0.upperBound)] }.packed, forKey: .bounds)
    }
}
