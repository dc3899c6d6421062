internal import EstateModel
internal import EstateRandom

/// The distributions a scenario can name (DESIGN.md §3) and the keys each one takes: EstateRandom's
/// table, so each word is spelled once.
typealias DistributionName = StayDistribution.Family

extension TableReader {
    /// A length-of-stay or delay distribution table such as `{ distribution = "gamma", mean = 10.5, sd = 6.0 }`.
    ///
    /// Each parameter is checked here with its own key; `StayDistribution.validated()` then has the
    /// last word, and its message is reported against the key it names.
    /// `extraKeys` are other keys the table may hold, read by the caller (a stay's `factor`).
    func distribution(_ key: String, required: Bool = false, extraKeys: [String] = []) -> StayDistribution? {
        let what = "a distribution table such as { distribution = \"lognormal\", mean = 2.3, sd = 2.8 }"
        guard let reader = table(key, required: required, expecting: what) else { return nil }
        guard let name = reader.choice("distribution", required: true, of: DistributionName.self) else {
            reader.rejectUnknownKeys(allowed: ["distribution"]
                                         + DistributionName.allCases.flatMap(\.parameters).uniqued() + extraKeys,
                                     context: "a distribution")
            return nil
        }
        reader.rejectUnknownKeys(allowed: ["distribution"] + name.parameters + extraKeys,
                                 context: "\(name.rawValue.withArticle) distribution")
        let candidate: StayDistribution?
        switch name {
        case .lognormal, .gamma:
            let mean = reader.number("mean", required: true, .duration)
            let sd = reader.number("sd", required: true, .duration)
            guard let mean, let sd else { return nil }
            candidate = name == .lognormal ? .lognormal(mean: mean, sd: sd) : .gamma(mean: mean, sd: sd)
        case .weibull:
            let shape = reader.number("shape", required: true,
                                      Expectation("a number > 0 (at most 100)") { $0 > 0 && $0 <= 100 })
            let scale = reader.number("scale", required: true, .duration)
            guard let shape, let scale else { return nil }
            candidate = .weibull(shape: shape, scale: scale)
        case .exponential:
            candidate = reader.number("mean", required: true, .duration).map { .exponential(mean: $0) }
        case .fixed:
            candidate = reader.number("months", required: true,
                                      Expectation("a number of months from 0 to \(Limits.months)") {
                                          (0...Double(Limits.months)).contains($0)
                                      }).map { .fixed(months: $0) }
        case .empirical:
            candidate = reader.profile()
        }
        guard let candidate else { return nil }
        do {
            return try candidate.validated()
        } catch let error as RandomError {
            // The error names the parameter it refuses: report it against that key.
            let named = error.parameter.flatMap { name.parameters.contains($0) ? $0 : nil }
            log.report(named.map(reader.origin(of:)) ?? reader.origin, error.message)
            return nil
        } catch {
            log.report(reader.origin, "\(error)")
            return nil
        }
    }

    /// `profile = [P(D=0), P(D=1), …]`: probabilities, checked element by element before the sum.
    private func profile() -> StayDistribution? {
        guard let elements = array("profile", required: true,
                                   expecting: "an array of probabilities summing to 1") else { return nil }
        guard !elements.isEmpty else {
            log.report(origin(of: "profile"), "expected an array of probabilities summing to 1, got an empty array")
            return nil
        }
        let values = elements.map { $0.readNumber(.probability, log: log) }
        guard !values.contains(nil) else { return nil }
        return .empirical(profile: values.compactMap { $0 })
    }
}

extension String {
    /// "an exponential", "a gamma": the word with its indefinite article.
    var withArticle: String { (first.map { "aeiou".contains($0) } ?? false ? "an " : "a ") + self }
}

extension Array where Element: Hashable {
    /// The elements in order, each once.
    func uniqued() -> [Element] {
        var seen = Set<Element>()
        return filter { seen.insert($0).inserted }
    }
}
