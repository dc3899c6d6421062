// Small checks shared by the validating initialisers. Each one throws a `RandomError` whose message
// names the parameter (`name`, as the message says it) and which carries the parameter's key
// (`parameter`, as a scenario file writes it), so a loader can report it against that key.

/// Requires a finite value `> 0`.
func requirePositive(_ value: Double, _ name: String, parameter: String? = nil) throws {
    guard value.isFinite, value > 0 else {
        throw RandomError("\(name) must be finite and > 0, got \(value)", parameter: parameter)
    }
}

/// Requires a finite value `>= 0`.
func requireNonNegative(_ value: Double, _ name: String, parameter: String? = nil) throws {
    guard value.isFinite, value >= 0 else {
        throw RandomError("\(name) must be finite and >= 0, got \(value)", parameter: parameter)
    }
}

/// Requires a probability in `[0, 1]`.
func requireProbability(_ value: Double, _ name: String, parameter: String? = nil) throws {
    guard value.isFinite, value >= 0, value <= 1 else {
        throw RandomError("\(name) must be a probability in [0, 1], got \(value)", parameter: parameter)
    }
}

/// Requires non-empty weights, each finite and `>= 0`, with a finite positive sum; returns the sum.
@discardableResult
func requireWeights(_ weights: [Double], _ name: String, parameter: String? = nil) throws -> Double {
    guard !weights.isEmpty else {
        throw RandomError("\(name) must not be empty", parameter: parameter)
    }
    var sum = 0.0
    for (index, weight) in weights.enumerated() {
        guard weight.isFinite, weight >= 0 else {
            throw RandomError("\(name)[\(index)] must be finite and >= 0, got \(weight)", parameter: parameter)
        }
        sum += weight
    }
    guard sum.isFinite, sum > 0 else {
        throw RandomError("\(name) must have a finite positive sum, got \(sum)", parameter: parameter)
    }
    return sum
}
