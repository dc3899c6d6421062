import Plot

/// The SVG elements the report's charts are made of, as Plot nodes, so that the page is one
/// document tree rather than concatenated strings. Attribute values are escaped here (Plot
/// escapes text, not attributes).
enum SVG {
    typealias Content = Node<HTML.BodyContext>

    /// `<svg>` with a view box of `width` × `height`, announced as an image named `label`.
    static func svg(id: String, width: Double, height: Double, label: String, _ nodes: [Content]) -> Content {
        .element(named: "svg", nodes: [
            attribute("id", id), attribute("xmlns", "http://www.w3.org/2000/svg"), attribute("role", "img"),
            attribute("viewBox", "0 0 \(PathData.coordinate(width)) \(PathData.coordinate(height))"),
            attribute("width", PathData.coordinate(width)), attribute("aria-label", label),
            .element(named: "title", nodes: [.text(label)]),
        ] + nodes)
    }

    static func group(_ className: String, _ nodes: [Content]) -> Content {
        .element(named: "g", nodes: [attribute("class", className)] + nodes)
    }

    static func path(_ d: String, _ className: String) -> Content {
        .selfClosedElement(named: "path", attributes: [Attribute(name: "d", value: d), .class(className)])
    }

    static func line(x1: Double, y1: Double, x2: Double, y2: Double, _ className: String) -> Content {
        .selfClosedElement(named: "line", attributes: [
            number("x1", x1), number("y1", y1), number("x2", x2), number("y2", y2), .class(className),
        ])
    }

    static func rect(x: Double, y: Double, width: Double, height: Double, _ className: String) -> Content {
        .selfClosedElement(named: "rect", attributes: [
            number("x", x), number("y", y), number("width", width), number("height", height), .class(className),
        ])
    }

    static func circle(x: Double, y: Double, radius: Double, _ className: String) -> Content {
        .selfClosedElement(named: "circle",
                           attributes: [number("cx", x), number("cy", y), number("r", radius), .class(className)])
    }

    /// Text at (x, y); `anchor` is `start`, `middle` or `end`; `rotate` turns it about its anchor.
    static func text(_ content: String, x: Double, y: Double, anchor: String = "start", _ className: String = "",
                     rotate: Double? = nil, tooltip: String? = nil) -> Content {
        var nodes: [Content] = [
            attribute("x", PathData.coordinate(x)), attribute("y", PathData.coordinate(y)),
            attribute("text-anchor", anchor),
        ]
        if !className.isEmpty { nodes.append(attribute("class", className)) }
        if let rotate {
            nodes.append(attribute("transform", "rotate(\(PathData.coordinate(rotate)) "
                                   + "\(PathData.coordinate(x)) \(PathData.coordinate(y)))"))
        }
        if let tooltip { nodes.append(.element(named: "title", nodes: [.text(tooltip)])) }
        nodes.append(.text(content))
        return .element(named: "text", nodes: nodes)
    }

    /// A native tooltip for the enclosing element.
    static func title(_ text: String) -> Content { .element(named: "title", nodes: [.text(text)]) }

    /// A fill pattern named `id`: a background colour with hatching lines, so that bands and
    /// heat-map classes differ in print and for readers who do not tell the colours apart.
    static func hatch(id: String, background: String, stroke: String, spacing: Double, angle: Double,
                      cross: Bool) -> Content {
        var lines: [Content] = [
            .selfClosedElement(named: "rect", attributes: [
                number("width", spacing), number("height", spacing), Attribute(name: "fill", value: background),
            ]),
            .selfClosedElement(named: "line", attributes: [
                number("x1", 0), number("y1", 0), number("x2", 0), number("y2", spacing),
                Attribute(name: "stroke", value: stroke), Attribute(name: "stroke-width", value: "1.2"),
            ]),
        ]
        if cross {
            lines.append(.selfClosedElement(named: "line", attributes: [
                number("x1", 0), number("y1", 0), number("x2", spacing), number("y2", 0),
                Attribute(name: "stroke", value: stroke), Attribute(name: "stroke-width", value: "1.2"),
            ]))
        }
        return .element(named: "pattern", nodes: [
            attribute("id", id), attribute("patternUnits", "userSpaceOnUse"),
            attribute("width", PathData.coordinate(spacing)), attribute("height", PathData.coordinate(spacing)),
            attribute("patternTransform", "rotate(\(PathData.coordinate(angle)))"),
        ] + lines)
    }

    static func defs(_ nodes: [Content]) -> Content { .element(named: "defs", nodes: nodes) }

    /// An attribute node with its value escaped.
    static func attribute(_ name: String, _ value: String) -> Content {
        .attribute(named: name, value: escaped(value))
    }

    private static func number(_ name: String, _ value: Double) -> Attribute<HTML.BodyContext> {
        Attribute(name: name, value: PathData.coordinate(value))
    }

    /// `value` safe inside a double-quoted attribute.
    static func escaped(_ value: String) -> String {
        guard value.contains(where: { $0 == "&" || $0 == "\"" || $0 == "<" || $0 == ">" }) else { return value }
        var out = ""
        for c in value {
            switch c {
            case "&": out += "&amp;"
            case "\"": out += "&quot;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            default: out.append(c)
            }
        }
        return out
    }
}
