import Identifiers
import Logging

/// The metadata one log event carries, flattened to masked strings.
///
/// Precedence follows swift-log's convention: handler metadata, then the metadata provider,
/// then the call site, each overriding the previous on the same key.
struct EventMetadata {
    /// Sorted by key so output is stable from one run to the next.
    let entries: [(key: String, value: String)]

    init(handler: Logger.Metadata, provider: Logger.MetadataProvider?, event: Logger.Metadata?) {
        var merged = handler
        if let provided = provider?.get(), !provided.isEmpty {
            merged.merge(provided) { _, new in new }
        }
        if let event, !event.isEmpty {
            merged.merge(event) { _, new in new }
        }
        entries = merged
            .map { (key: $0.key, value: NISSMasking.masking(Self.flatten($0.value))) }
            .sorted { $0.key < $1.key }
    }

    /// Strings stay as they are (no quotes); arrays and dictionaries use swift-log's rendering.
    static func flatten(_ value: Logger.MetadataValue) -> String {
        switch value {
        case .string(let text): return text
        case .stringConvertible(let convertible): return convertible.description
        case .array, .dictionary: return value.description
        }
    }
}
