import EstateModel

/// Where the people in custody at the start are held (DESIGN.md §2, initial stock).
enum InitialStock {
    /// Placement weights `[g * E + e]` (`StateShape.weight`; each group's column sums to 1 over its
    /// eligible establishments).
    ///
    /// Where the estate file gives every establishment's population, the establishment × group table
    /// is fitted to both margins — establishment populations and group stocks — by iterative
    /// proportional fitting, with zeros where an establishment cannot hold a group. The establishment
    /// margin is first scaled to the groups' total, since the two rarely agree exactly. Otherwise each
    /// group is spread in proportion to operational capacity.
    static func weights(establishments: [Establishment], shape: StateShape, groups: [PopulationGroup],
                        stocks: [Double], eligible: (Int, Int) -> Bool) -> [Double] {
        let G = groups.count, E = shape.establishments
        let populations = establishments.map(\.population)
        let useIPF = !populations.isEmpty && populations.allSatisfy { $0 != nil }
        var x = [Double](repeating: 0, count: G * E)
        for g in 0..<G {
            for e in 0..<establishments.count where eligible(g, e) {
                x[shape.weight(g, e)] = useIPF ? 1 : Double(establishments[e].operationalCapacity)
            }
        }
        if useIPF {
            let totalStock = stocks.reduce(0, +)
            // Only rows some group may occupy can be fitted; the others hold nobody at the start.
            let occupiable = (0..<establishments.count).map { e in (0..<G).contains { x[shape.weight($0, e)] > 0 } }
            let totalPopulation = Double((0..<establishments.count).reduce(0) {
                $0 + (occupiable[$1] ? populations[$1] ?? 0 : 0)
            })
            let rowTarget = (0..<establishments.count).map { e in
                occupiable[e] && totalPopulation > 0 ? Double(populations[e] ?? 0) * totalStock / totalPopulation : 0
            }
            for _ in 0..<500 {
                var worst = 0.0
                for e in 0..<establishments.count {  // rows: establishments
                    var sum = 0.0
                    for g in 0..<G { sum += x[shape.weight(g, e)] }
                    guard sum > 0 else { continue }
                    let f = rowTarget[e] / sum
                    for g in 0..<G { x[shape.weight(g, e)] *= f }
                }
                for g in 0..<G {  // columns: groups
                    var sum = 0.0
                    for e in 0..<E { sum += x[shape.weight(g, e)] }
                    guard sum > 0 else { continue }
                    let f = stocks[g] / sum
                    worst = max(worst, abs(f - 1))
                    for e in 0..<E { x[shape.weight(g, e)] *= f }
                }
                if worst < 1e-10 { break }
            }
        }
        for g in 0..<G {  // normalise each group's column
            var sum = 0.0
            for e in 0..<E { sum += x[shape.weight(g, e)] }
            if sum == 0 {
                // The fitted table left the group nowhere (its establishments hold nobody in the
                // estate file): fall back to operational capacity.
                for e in 0..<establishments.count where eligible(g, e) {
                    x[shape.weight(g, e)] = Double(establishments[e].operationalCapacity)
                    sum += x[shape.weight(g, e)]
                }
            }
            if sum > 0 { for e in 0..<E { x[shape.weight(g, e)] /= sum } }
        }
        return x
    }
}
