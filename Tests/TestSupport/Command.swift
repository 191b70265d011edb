import Foundation

/// Runs a real program (openssl, xmllint, ssh-keygen, ...) and captures its output.
public struct CommandResult: Sendable {
    public let status: Int32
    public let stdout: String
    public let stderr: String
    public var succeeded: Bool { status == 0 }
}

public enum CommandError: Error, CustomStringConvertible {
    case notFound(String)
    case failed(String, CommandResult)
    public var description: String {
        switch self {
        case .notFound(let tool): return "\(tool) not found on PATH"
        case .failed(let line, let r): return "`\(line)` exited \(r.status): \(r.stderr)\(r.stdout)"
        }
    }
}

public enum Command {
    /// Resolves `tool` on PATH (and the sbin folders, where sshd lives).
    public static func locate(_ tool: String) -> String? {
        if tool.hasPrefix("/") { return FileManager.default.isExecutableFile(atPath: tool) ? tool : nil }
        let path = (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin") + ":/usr/sbin:/sbin"
        for dir in path.split(separator: ":") {
            let candidate = "\(dir)/\(tool)"
            if FileManager.default.isExecutableFile(atPath: candidate) { return candidate }
        }
        return nil
    }

    /// Runs to completion; `input` is written to standard input.
    @discardableResult
    public static func run(_ tool: String, _ arguments: [String], input: Data? = nil,
                           environment: [String: String]? = nil, directory: String? = nil) throws -> CommandResult {
        guard let executable = locate(tool) else { throw CommandError.notFound(tool) }
        let process = Process()
        process.executableURL = URL(fileURLWithPath: executable)
        process.arguments = arguments
        // A notify test's socket is advertised process-wide; no helper program may write to it.
        process.environment = (environment ?? ProcessInfo.processInfo.environment).filter { $0.key != "NOTIFY_SOCKET" }
        if let directory { process.currentDirectoryURL = URL(fileURLWithPath: directory) }
        let out = Pipe(), err = Pipe(), inp = Pipe()
        process.standardOutput = out
        process.standardError = err
        process.standardInput = inp
        try process.run()
        if let input { inp.fileHandleForWriting.write(input) }
        try? inp.fileHandleForWriting.close()
        // Read both pipes concurrently so a chatty child never blocks on a full pipe.
        nonisolated(unsafe) var errData = Data()
        let group = DispatchGroup()
        group.enter()
        DispatchQueue.global().async { errData = err.fileHandleForReading.readDataToEndOfFile(); group.leave() }
        let outData = out.fileHandleForReading.readDataToEndOfFile()
        group.wait()
        process.waitUntilExit()
        return CommandResult(status: process.terminationStatus,
                             stdout: String(decoding: outData, as: UTF8.self),
                             stderr: String(decoding: errData, as: UTF8.self))
    }

    /// Runs and throws unless the exit status is 0.
    @discardableResult
    public static func check(_ tool: String, _ arguments: [String], input: Data? = nil,
                             environment: [String: String]? = nil, directory: String? = nil) throws -> CommandResult {
        let result = try run(tool, arguments, input: input, environment: environment, directory: directory)
        guard result.succeeded else {
            throw CommandError.failed(([tool] + arguments).joined(separator: " "), result)
        }
        return result
    }
}
