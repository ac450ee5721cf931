import Foundation

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// A secret kept in a file readable by its owner only (mode 600): the data key ring and the audit key.
///
/// Each line is one base64 key. Files are created and replaced atomically, already at mode 600 (written to a
/// temporary file opened 0600, then linked or renamed into place), so no other account can ever read a half-written
/// or world-readable copy, and two processes starting at once end up with the same key.
enum KeyFile {
    /// The keys in the file, one per non-empty line, creating it with `initial()` when absent.
    static func loadOrCreate(_ path: String, initial: () -> [String]) throws -> [String] {
        let url = URL(fileURLWithPath: path)
        if !FileManager.default.fileExists(atPath: path) {
            try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
            let temporary = try writePrivate(initial(), beside: url)
            // Fails harmlessly when another process created the file first: theirs is kept.
            _ = link(temporary.path, url.path)
            unlink(temporary.path)
        }
        return try read(path)
    }

    static func read(_ path: String) throws -> [String] {
        try String(contentsOf: URL(fileURLWithPath: path), encoding: .utf8)
            .split(whereSeparator: \.isNewline).map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
    }

    /// Replaces the file's keys at once (rename), at mode 600.
    static func replace(_ path: String, with keys: [String]) throws {
        let url = URL(fileURLWithPath: path)
        let temporary = try writePrivate(keys, beside: url)
        guard rename(temporary.path, url.path) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: path])
        }
    }

    /// Writes the keys to a new temporary file created with mode 600 and synced to disk.
    private static func writePrivate(_ keys: [String], beside url: URL) throws -> URL {
        let temporary = url.deletingLastPathComponent().appendingPathComponent(".\(url.lastPathComponent)-\(UUID().uuidString)")
        let fd = open(temporary.path, O_WRONLY | O_CREAT | O_EXCL, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: temporary.path]) }
        defer { close(fd) }
        let bytes = Array(keys.map { $0 + "\n" }.joined().utf8)
        guard bytes.withUnsafeBytes({ write(fd, $0.baseAddress, $0.count) }) == bytes.count, fsync(fd) == 0 else {
            unlink(temporary.path)
            throw CocoaError(.fileWriteUnknown, userInfo: [NSFilePathErrorKey: temporary.path])
        }
        return temporary
    }

    /// Creates `path` empty at mode 600 unless it exists, and takes read access from group and others on it and on
    /// the files beside it with the given suffixes (SQLite's `-wal` and `-shm` take the database file's mode when
    /// SQLite creates them; an older install may have left them readable).
    static func makePrivate(_ path: String, companions suffixes: [String] = []) throws {
        let fd = open(path, O_WRONLY | O_CREAT, 0o600)
        guard fd >= 0 else { throw CocoaError(.fileWriteNoPermission, userInfo: [NSFilePathErrorKey: path]) }
        close(fd)
        for file in [path] + suffixes.map({ path + $0 }) where FileManager.default.fileExists(atPath: file) {
            _ = chmod(file, 0o600)
        }
    }
}
