import EstateFiles
import Foundation
import Testing

@Suite("Robustness against malformed files")
struct RobustnessTests {
    /// A small deterministic generator (SplitMix64): the mutations are the same on every run.
    struct Mutator {
        var state: UInt64
        mutating func next(_ bound: Int) -> Int {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return Int((z ^ (z >> 31)) % UInt64(bound))
        }
    }

    @Test("mutated scenario files are loaded or refused, never crash", arguments: 0..<4)
    func mutations(_ batch: Int) throws {
        let original = Array(try String(contentsOfFile: fixturePath("good.toml"), encoding: .utf8).unicodeScalars)
        let directory = try ScratchDirectory()
        try directory.write("estate.csv", try String(contentsOfFile: fixturePath("estate.csv"), encoding: .utf8))
        let insertions: [String] = ["[", "]", "{", "}", "\"", "'", ",", "=", ".", "\n", "#", "[[", "]]", "-", "0", " ",
                                    "\u{0}", "é",
                                    "inf", "nan", "1e999", "\"\"\"", "'''", "[[group]]\n", "x = ", "= [", "{ a = }"]
        var mutator = Mutator(state: UInt64(batch) &* 7919 &+ 1)
        for _ in 0..<150 {
            var scalars = original
            for _ in 0..<(1 + mutator.next(3)) {
                let at = mutator.next(scalars.count)
                if mutator.next(3) == 0 {
                    scalars.removeSubrange(at..<min(scalars.count, at + 1 + mutator.next(6)))
                } else {
                    scalars.insert(contentsOf: insertions[mutator.next(insertions.count)].unicodeScalars, at: at)
                }
            }
            var text = ""
            text.unicodeScalars.append(contentsOf: scalars)
            let path = try directory.write("scenario.toml", text)
            do {
                _ = try ScenarioLoader().load(path: path)
            } catch {
                #expect(!error.problems.isEmpty)
            }
        }
    }
}
