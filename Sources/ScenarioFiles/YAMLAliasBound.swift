import CYaml

/// A bound on what YAML aliases may add. Yams composes an alias as a reference to its anchor's
/// node, so 350 bytes of nested aliases ("billion laughs") stand for 10^9 nodes, and anything
/// that walks the result — Yams's duplicate-key check on complex keys, the conversion to
/// `YAMLTree`, the merges — takes minutes and gigabytes. This pre-scan reads libyaml's event
/// stream once (linear in the text), counts the nodes each anchor stands for, and refuses the
/// text as soon as aliases would add more than `maxAliasNodes` nodes, naming the line.
enum YAMLAliasBound {
    /// Nodes that aliases may add in one document: generous for a scenario (a shared block of
    /// settings reused a few hundred times), and walked in milliseconds.
    static let maxAliasNodes = 100_000

    static func check(_ text: String, file: String) throws(ScenarioError) {
        // An alias is written with '*'; without one there is nothing to bound.
        guard text.utf8.contains(UInt8(ascii: "*")) else { return }
        var bytes = Array(text.utf8)
        var parser = yaml_parser_t()
        guard yaml_parser_initialize(&parser) == 1 else { return }
        defer { yaml_parser_delete(&parser) }
        var failure: ScenarioError?
        bytes.withUnsafeMutableBufferPointer { buffer in
            yaml_parser_set_input_string(&parser, buffer.baseAddress, buffer.count)
            var sizes: [String: Int] = [:]        // nodes each anchor stands for
            var starts: [(total: Int, anchor: String?)] = []
            var total = 0, written = 0            // nodes with aliases expanded; nodes in the text
            func anchor(_ p: UnsafeMutablePointer<yaml_char_t>?) -> String? {
                p.map { String(cString: UnsafeRawPointer($0).assumingMemoryBound(to: CChar.self)) }
            }
            while true {
                var event = yaml_event_t()
                // Malformed YAML: Yams reports it with its own message.
                guard yaml_parser_parse(&parser, &event) == 1 else { return }
                defer { yaml_event_delete(&event) }
                switch event.type {
                case YAML_STREAM_END_EVENT:
                    return
                case YAML_DOCUMENT_START_EVENT:
                    total = 0; written = 0; sizes = [:]; starts = []
                case YAML_SCALAR_EVENT:
                    total += 1; written += 1
                    if let a = anchor(event.data.scalar.anchor) { sizes[a] = 1 }
                case YAML_SEQUENCE_START_EVENT:
                    starts.append((total, anchor(event.data.sequence_start.anchor)))
                    total += 1; written += 1
                case YAML_MAPPING_START_EVENT:
                    starts.append((total, anchor(event.data.mapping_start.anchor)))
                    total += 1; written += 1
                case YAML_SEQUENCE_END_EVENT, YAML_MAPPING_END_EVENT:
                    if let start = starts.popLast(), let a = start.anchor { sizes[a] = total - start.total }
                case YAML_ALIAS_EVENT:
                    let name = anchor(event.data.alias.anchor) ?? ""
                    total += sizes[name] ?? 1
                    if total - written > maxAliasNodes {
                        failure = ScenarioError(file: file, line: Int(event.start_mark.line) + 1,
                                                .scenarioFile(.aliasesExpand(anchor: excerpt(name), limit: maxAliasNodes)))
                        return
                    }
                default:
                    break
                }
            }
        }
        if let failure { throw failure }
    }
}
