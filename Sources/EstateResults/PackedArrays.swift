import Foundation

// Saved results hold millions of counts: they are encoded as raw little-endian bytes (one `Data`
// each) rather than one value at a time, which keeps the saved form small and quick to read.

/// Fixed-width integers that can be packed into `Data`.
protocol Packable: FixedWidthInteger {}
extension Int32: Packable {}
extension UInt32: Packable {}
extension UInt16: Packable {}
extension UInt64: Packable {}
extension Int64: Packable {}
extension UInt8: Packable {}

extension Array where Element: Packable {
    /// The elements as little-endian bytes.
    var packed: Data {
        var data = Data(capacity: count * MemoryLayout<Element>.size)
        for value in self { Swift.withUnsafeBytes(of: value.littleEndian) { data.append(contentsOf: $0) } }
        return data
    }

    /// The elements of `data` (little-endian), or nil if its length is not a whole number of them.
    init?(packed data: Data) {
        let size = MemoryLayout<Element>.size
        guard data.count % size == 0 else { return nil }
        self = [Element](unsafeUninitializedCapacity: data.count / size) { buffer, initialized in
            data.withUnsafeBytes { bytes in
                for i in 0..<(data.count / size) {
                    buffer[i] = Element(littleEndian: bytes.loadUnaligned(fromByteOffset: i * size, as: Element.self))
                }
            }
            initialized = data.count / size
        }
    }
}

extension Array where Element == [Int32] {
    /// The arrays one after another, as little-endian bytes, without joining them first.
    var packedOneAfterAnother: Data {
        var data = Data(capacity: reduce(0) { $0 + $1.count } * MemoryLayout<Int32>.size)
        for array in self {
            #if _endian(little)
            array.withUnsafeBytes { data.append(contentsOf: $0) }
            #else
            data.append(array.packed)
            #endif
        }
        return data
    }
}

extension KeyedDecodingContainer {
    /// A packed array under `key`, checked to have `count` elements when given.
    func decodePacked<Element: Packable>(_ type: [Element].Type, forKey key: Key,
                                         count: Int? = nil) throws -> [Element] {
        let data = try decode(Data.self, forKey: key)
        guard let values = [Element](packed: data), count.map({ $0 == values.count }) ?? true else {
            throw DecodingError.dataCorruptedError(forKey: key, in: self,
                                                   debugDescription: "a packed array of the wrong length")
        }
        return values
    }
}
