// The model's plain values are stored in saved results (EstateResults): the enums by their
// scenario-file names, a month as `YYYY-MM`.

extension Sex: Codable {}
extension EstablishmentFunction: Codable {}
extension Sector: Codable {}

extension Month: Codable {
    /// Reads `YYYY-MM`.
    public init(from decoder: any Decoder) throws {
        let container = try decoder.singleValueContainer()
        let text = try container.decode(String.self)
        guard let month = Month(text) else {
            throw DecodingError.dataCorruptedError(in: container,
                                                   debugDescription: "expected a month YYYY-MM, got \(text)")
        }
        self = month
    }

    /// Writes `YYYY-MM`.
    public func encode(to encoder: any Encoder) throws {
        var container = encoder.singleValueContainer()
        try container.encode(description)
    }
}
