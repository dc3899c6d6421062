/// A fixed-size buffer owned by one value: allocated and zeroed in `init`, freed in `deinit`, never
/// copied. Writes go through the buffer's pointer, so they need no uniqueness or exclusivity check:
/// what the engine's hot path wants, and the only place it touches unsafe memory for its counts.
struct FixedBuffer<Element: BitwiseCopyable>: ~Copyable {
    private let storage: UnsafeMutableBufferPointer<Element>

    /// `count` elements, each `initial`.
    init(count: Int, initial: Element) {
        storage = .allocate(capacity: count)
        storage.initialize(repeating: initial)
    }

    deinit { storage.deallocate() }

    /// How many elements it holds.
    var count: Int { storage.count }

    @inline(__always)
    subscript(i: Int) -> Element {
        get { storage[i] }
        nonmutating set { storage[i] = newValue }
    }

    /// Sets every element to `value`.
    func fill(_ value: Element) { storage.update(repeating: value) }

    /// A copy of the elements.
    var values: [Element] { Array(storage) }

    /// `count` elements from `start`, to hand to a C loop; valid while the owner lives.
    func slice(from start: Int, count: Int) -> UnsafeMutableBufferPointer<Element> {
        precondition(start >= 0 && count >= 0 && start + count <= storage.count, "slice out of range")
        return UnsafeMutableBufferPointer(rebasing: storage[start..<(start + count)])
    }
}

/// Counts of people, 32-bit: by establishment × group, by establishment, by group and month.
typealias CountTable = FixedBuffer<Int32>

extension FixedBuffer where Element == Int32 {
    /// `count` counts, each 0.
    init(count: Int) { self.init(count: count, initial: 0) }

    /// Sets every count to 0.
    func reset() { fill(0) }
}
