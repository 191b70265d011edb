import Foundation

/// The temporary file a download is written to beside its target, `.<name>.part-<8 hex digits>`,
/// renamed into place once complete and checked. A process killed mid-download leaves it behind;
/// nothing else ever reads it, so the next start removes it.
public enum PartialDownload {
    private static let marker = ".part-"
    private static let tagLength = 8

    /// A fresh temporary path for downloading to `localPath`.
    static func path(for localPath: String) -> String {
        let directory = (localPath as NSString).deletingLastPathComponent
        let base = (localPath as NSString).lastPathComponent
        return (directory.isEmpty ? "" : directory + "/") + ".\(base)\(marker)\(UUID().uuidString.prefix(tagLength))"
    }

    /// Whether `name` is such a temporary file's name.
    static func isPartial(_ name: String) -> Bool {
        guard name.hasPrefix("."), let range = name.range(of: marker, options: .backwards),
              range.lowerBound > name.index(after: name.startIndex) else { return false }
        let tag = name[range.upperBound...]
        return tag.count == tagLength && tag.allSatisfy(\.isHexDigit)
    }

    /// Removes what interrupted downloads left in `folder`; returns the names removed. Only when no
    /// download into `folder` is under way: at start, under the channel lock.
    @discardableResult
    public static func removeLeftovers(in folder: String) -> [String] {
        let names = (try? FileManager.default.contentsOfDirectory(atPath: folder)) ?? []
        return names.filter(isPartial).filter { (try? FileManager.default.removeItem(atPath: folder + "/" + $0)) != nil }
    }
}
