/// A parameter that EstateRandom refuses: its name in `parameter`, what is wrong in `message`.
///
/// Thrown by every validating initialiser before any value reaches GSL, e.g. `parameter` `"sd"`
/// and `message` `"lognormal sd must be finite and > 0, got -1.0"`. A loader reports the message
/// against the key `parameter` names, without reading the English.
public struct RandomError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, naming the parameter and the value received.
    public let message: String
    /// The parameter refused, as a scenario file names it (`"sd"`, `"profile"`); nil when the
    /// error is not about one parameter (GSL could not allocate, say).
    public let parameter: String?

    /// Creates an error with the given message, about `parameter` if it names one.
    public init(_ message: String, parameter: String? = nil) {
        self.message = message
        self.parameter = parameter
    }

    /// The message, so the error prints as it reads.
    public var description: String { message }
}
