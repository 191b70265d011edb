/// What the kernel reported about `incoming/`.
public enum IncomingEvent: Sendable, Hashable {
    /// A file was renamed into the folder: complete by the exporter's own contract, take it at once.
    case movedIn(String)
    /// A writer closed a file it had open for writing: take it once it has settled.
    case closedAfterWrite(String)
    /// The kernel's event queue overflowed and events were lost: list the folder again.
    case overflow
    /// The folder was removed or moved away; it was re-created and is watched again: list it again.
    case rewatched
}
