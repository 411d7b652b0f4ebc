/// The planner's client as the history keeps and shows it: its address without the port. The
/// port of a browser's connection changes with every request and tells a reader nothing;
/// records made before (issue 20) kept "127.0.0.1:46242" and are shown as "127.0.0.1".
public enum ClientAddress {
    /// "127.0.0.1:46242" -> "127.0.0.1", "[::1]:46242" -> "::1"; an address without a port
    /// ("127.0.0.1", "::1") unchanged.
    public static func withoutPort(_ client: String) -> String {
        if client.hasPrefix("["), let close = client.firstIndex(of: "]") {
            return String(client[client.index(after: client.startIndex)..<close])
        }
        // One colon: IPv4 or a name with a port (an IPv6 address has at least two colons).
        let parts = client.split(separator: ":", omittingEmptySubsequences: false)
        if parts.count == 2, !parts[1].isEmpty, parts[1].allSatisfy(\.isASCII), parts[1].allSatisfy(\.isNumber) {
            return String(parts[0])
        }
        return client
    }
}
