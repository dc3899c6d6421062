/// A parameter that EstateRandom refuses, named in `message`.
///
/// Thrown by every validating initialiser before any value reaches GSL, e.g.
/// `"lognormal sd must be > 0, got -1.0"`.
public struct RandomError: Error, CustomStringConvertible, Sendable, Equatable {
    /// What is wrong, naming the parameter and the value received.
    public let message: String

    /// Creates an error with the given message.
    public init(_ message: String) {
        self.message = message
    }

    /// The message, so the error prints as it reads.
    public var description: String { message }
}
